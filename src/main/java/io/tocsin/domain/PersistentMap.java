package io.tocsin.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * An immutable sorted map (an AVL tree whose nodes are never changed): {@link #put} and {@link #remove} return a new
 * map that shares all but O(log n) nodes with this one. The board uses it so that every fold can publish a complete,
 * consistent snapshot of 10,000 active alerts without copying them: the single writer pays a few allocations per
 * event, readers on any thread hold a version that never changes under them.
 */
final class PersistentMap<K, V> {
    private final Comparator<? super K> order;
    private final Node<K, V> root;

    private PersistentMap(Comparator<? super K> order, Node<K, V> root) {
        this.order = order;
        this.root = root;
    }

    static <K, V> PersistentMap<K, V> empty(Comparator<? super K> order) {
        return new PersistentMap<>(order, null);
    }

    int size() {
        return root == null ? 0 : root.size;
    }

    boolean isEmpty() {
        return root == null;
    }

    V get(K key) {
        Node<K, V> n = root;
        while (n != null) {
            int c = order.compare(key, n.key);
            if (c == 0) {
                return n.value;
            }
            n = c < 0 ? n.left : n.right;
        }
        return null;
    }

    PersistentMap<K, V> put(K key, V value) {
        return new PersistentMap<>(order, put(root, key, value));
    }

    PersistentMap<K, V> remove(K key) {
        if (get(key) == null) {
            return this;
        }
        return new PersistentMap<>(order, remove(root, key));
    }

    /** Visits the values in key order. */
    void forEachValue(Consumer<? super V> action) {
        visit(root, action);
    }

    /** The values in key order, as an unmodifiable list. */
    List<V> values() {
        List<V> out = new ArrayList<>(size());
        forEachValue(out::add);
        return List.copyOf(out);
    }

    private static <K, V> void visit(Node<K, V> n, Consumer<? super V> action) {
        // In-order, iterating down the right spine so that the recursion depth is the left height only.
        while (n != null) {
            visit(n.left, action);
            action.accept(n.value);
            n = n.right;
        }
    }

    private Node<K, V> put(Node<K, V> n, K key, V value) {
        if (n == null) {
            return new Node<>(key, value, null, null);
        }
        int c = order.compare(key, n.key);
        if (c == 0) {
            return new Node<>(key, value, n.left, n.right);
        }
        return c < 0 ? balance(n.key, n.value, put(n.left, key, value), n.right)
                : balance(n.key, n.value, n.left, put(n.right, key, value));
    }

    private Node<K, V> remove(Node<K, V> n, K key) {
        int c = order.compare(key, n.key);
        if (c < 0) {
            return balance(n.key, n.value, remove(n.left, key), n.right);
        }
        if (c > 0) {
            return balance(n.key, n.value, n.left, remove(n.right, key));
        }
        if (n.left == null) {
            return n.right;
        }
        if (n.right == null) {
            return n.left;
        }
        Node<K, V> first = n.right;
        while (first.left != null) {
            first = first.left;
        }
        return balance(first.key, first.value, n.left, remove(n.right, first.key));
    }

    private static <K, V> Node<K, V> balance(K key, V value, Node<K, V> left, Node<K, V> right) {
        int diff = height(left) - height(right);
        if (diff > 1) {
            if (height(left.left) < height(left.right)) {
                left = rotateLeft(left.left, left.right, left.key, left.value);
            }
            return new Node<>(left.key, left.value, left.left, new Node<>(key, value, left.right, right));
        }
        if (diff < -1) {
            if (height(right.right) < height(right.left)) {
                right = rotateRight(right.left, right.right, right.key, right.value);
            }
            return new Node<>(right.key, right.value, new Node<>(key, value, left, right.left), right.right);
        }
        return new Node<>(key, value, left, right);
    }

    /** The node (key, value) with children {@code a} and {@code b}, where b is the higher: b becomes the root. */
    private static <K, V> Node<K, V> rotateLeft(Node<K, V> a, Node<K, V> b, K key, V value) {
        return new Node<>(b.key, b.value, new Node<>(key, value, a, b.left), b.right);
    }

    /** The mirror of {@link #rotateLeft}: the left child {@code a} becomes the root. */
    private static <K, V> Node<K, V> rotateRight(Node<K, V> a, Node<K, V> b, K key, V value) {
        return new Node<>(a.key, a.value, a.left, new Node<>(key, value, a.right, b));
    }

    private static int height(Node<?, ?> n) {
        return n == null ? 0 : n.height;
    }

    private static final class Node<K, V> {
        final K key;
        final V value;
        final Node<K, V> left;
        final Node<K, V> right;
        final int height;
        final int size;

        Node(K key, V value, Node<K, V> left, Node<K, V> right) {
            this.key = key;
            this.value = value;
            this.left = left;
            this.right = right;
            this.height = Math.max(height(left), height(right)) + 1;
            this.size = (left == null ? 0 : left.size) + (right == null ? 0 : right.size) + 1;
        }
    }
}
