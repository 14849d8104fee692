package io.tocsin.domain;

/** Headline and instruction in Ukrainian and English; any may be empty but never null. */
public record Texts(String headlineUk, String headlineEn, String instructionUk, String instructionEn) {
    public static final int MAX_HEADLINE = 160;
    public static final int MAX_INSTRUCTION = 2000;
    public static final Texts EMPTY = new Texts("", "", "", "");

    public Texts {
        headlineUk = clean(headlineUk, MAX_HEADLINE, "headline.uk");
        headlineEn = clean(headlineEn, MAX_HEADLINE, "headline.en");
        instructionUk = clean(instructionUk, MAX_INSTRUCTION, "instruction.uk");
        instructionEn = clean(instructionEn, MAX_INSTRUCTION, "instruction.en");
    }

    private static String clean(String s, int max, String field) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        if (t.length() > max) {
            throw new DomainException(Problem.INVALID_FIELD, field + " is longer than " + max + " characters");
        }
        return t;
    }
}
