package io.tocsin.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/**
 * One real server for a whole test class: {@code @ExtendWith(ServerPerClass.class)} starts a {@link RunningServer}
 * into the class's static {@code RunningServer} field before its {@code @BeforeAll} methods run (so they can make
 * tokens or issue alerts on it), and closes it after all its tests.
 */
public final class ServerPerClass implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        field(context).set(null, RunningServer.start());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IllegalAccessException {
        Field f = field(context);
        RunningServer s = (RunningServer) f.get(null);
        f.set(null, null);
        if (s != null) {
            s.close();
        }
    }

    private static Field field(ExtensionContext context) {
        List<Field> fields = Arrays.stream(context.getRequiredTestClass().getDeclaredFields())
                .filter(f -> f.getType() == RunningServer.class && Modifier.isStatic(f.getModifiers())).toList();
        if (fields.size() != 1) {
            throw new IllegalStateException(context.getRequiredTestClass().getSimpleName()
                    + " needs exactly one static RunningServer field for ServerPerClass, has " + fields.size());
        }
        Field f = fields.get(0);
        f.setAccessible(true);
        return f;
    }
}
