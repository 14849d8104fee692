package io.tocsin.domain;

/**
 * The texts an update names: each of the four may be given (a new value; empty clears it) or absent (null: it
 * stays as it is). An update that carries only an instruction therefore leaves the headline alone.
 */
public record TextsPatch(String headlineUk, String headlineEn, String instructionUk, String instructionEn) {
    public static final TextsPatch NONE = new TextsPatch(null, null, null, null);

    /** Every text replaced, e.g. by an imported CAP update, which carries the whole message. */
    public static TextsPatch replacing(Texts t) {
        return new TextsPatch(t.headlineUk(), t.headlineEn(), t.instructionUk(), t.instructionEn());
    }

    /** The texts after this patch; checked (length) as any texts are. */
    public Texts over(Texts old) {
        return new Texts(pick(headlineUk, old.headlineUk()), pick(headlineEn, old.headlineEn()),
                pick(instructionUk, old.instructionUk()), pick(instructionEn, old.instructionEn()));
    }

    private static String pick(String given, String old) {
        return given == null ? old : given;
    }
}
