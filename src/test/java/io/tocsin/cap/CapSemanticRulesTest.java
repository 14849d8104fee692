package io.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules the XSD cannot express, one small inline message each. */
class CapSemanticRulesTest {
    private static final CapValidator VALIDATOR = CapValidator.strict();

    private static CapVerdict validate(CapMessage message) {
        return VALIDATOR.validate(message.bytes());
    }

    private static CapVerdict withArea(String areaBody) {
        return validate(CapMessage.valid().area("<areaDesc>Test area</areaDesc>" + areaBody));
    }

    @Test
    void theBaseMessageIsValidWithoutWarnings() {
        CapVerdict verdict = validate(CapMessage.valid());

        assertThat(verdict.issues()).isEmpty();
        assertThat(verdict.warnings()).isEmpty();
        assertThat(verdict.version()).contains(CapVersion.V1_2);
        assertThat(verdict.signature()).isEqualTo(SignatureStatus.UNSIGNED);
    }

    @Test
    void anUnclosedPolygonIsRefusedAtItsXPath() {
        CapVerdict verdict = validate(CapMessage.valid().area("<areaDesc>A</areaDesc><polygon>1,1 1,2 2,2 1,1"
                + "</polygon></area><area><areaDesc>B</areaDesc><polygon>1,1 1,2 2,2 2,1</polygon>"));

        assertThat(verdict.issues()).extracting(CapIssue::category, CapIssue::code, CapIssue::xpath)
                .containsExactly(tuple(CapIssue.Category.SEMANTIC, "polygon.not-closed",
                        "/alert/info[1]/area[2]/polygon[1]"));
    }

    @Test
    void aPolygonNeedsFourPoints() {
        assertThat(withArea("<polygon>1,1 1,2 1,1</polygon>").issues()).extracting(CapIssue::code)
                .containsExactly("polygon.too-few-points");
    }

    @Test
    void polygonCoordinatesMustBeInRange() {
        assertThat(withArea("<polygon>91,1 1,2 2,2 91,1</polygon>").issues()).extracting(CapIssue::code)
                .containsExactly("polygon.range");
        assertThat(withArea("<polygon>1,181 1,2 2,2 1,181</polygon>").issues()).extracting(CapIssue::code)
                .containsExactly("polygon.range");
        assertThat(withArea("<polygon>-90,-180 90,180 0,0 -90,-180</polygon>").valid()).isTrue();
    }

    @Test
    void polygonPointsMustBeLatCommaLon() {
        assertThat(withArea("<polygon>1,1 1;2 2,2 1,1</polygon>").issues()).extracting(CapIssue::code)
                .containsExactly("polygon.syntax");
        assertThat(withArea("<polygon>1,1 1, 2 2,2 1,1</polygon>").issues()).extracting(CapIssue::code)
                .containsExactly("polygon.syntax");
    }

    @Test
    void polygonPointsSeparatedByLineBreaksAreAWarningOnly() {
        CapVerdict verdict = withArea("<polygon>1,1\n   1,2  2,2 1,1</polygon>");

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.warnings()).extracting(CapIssue::code).containsExactly("polygon.spacing");
    }

    @Test
    void anEmptyPolygonIsIgnoredWithAWarning() {
        CapVerdict verdict = withArea("<polygon/>");

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.warnings()).extracting(CapIssue::code).containsExactly("polygon.empty");
    }

    @Test
    void aCircleIsLatCommaLonSpaceRadius() {
        assertThat(withArea("<circle>50.45,30.52 0</circle>").valid()).isTrue();
        assertThat(withArea("<circle>50.45, 30.52 5</circle>").issues()).extracting(CapIssue::code)
                .containsExactly("circle.syntax");
        assertThat(withArea("<circle>50.45,30.52</circle>").issues()).extracting(CapIssue::code)
                .containsExactly("circle.syntax");
        assertThat(withArea("<circle>50.45,30.52  5</circle>").issues()).extracting(CapIssue::code)
                .containsExactly("circle.syntax");
    }

    @Test
    void aCircleRadiusMustNotBeNegativeNorItsCentreOutOfRange() {
        assertThat(withArea("<circle>50.45,30.52 -1</circle>").issues()).extracting(CapIssue::code)
                .containsExactly("circle.radius");
        assertThat(withArea("<circle>95,30.52 1</circle>").issues()).extracting(CapIssue::code)
                .containsExactly("circle.range");
    }

    @Test
    void aCeilingNeedsAnAltitudeAndMustNotBeBelowIt() {
        assertThat(withArea("<ceiling>100</ceiling>").issues()).extracting(CapIssue::code, CapIssue::xpath)
                .containsExactly(tuple("ceiling.without-altitude", "/alert/info[1]/area[1]"));
        assertThat(withArea("<altitude>200</altitude><ceiling>100</ceiling>").issues())
                .extracting(CapIssue::code, CapIssue::xpath)
                .containsExactly(tuple("ceiling.below-altitude", "/alert/info[1]/area[1]/ceiling[1]"));
        assertThat(withArea("<altitude>100</altitude><ceiling>100</ceiling>").valid()).isTrue();
        assertThat(withArea("<altitude>0</altitude>").valid()).isTrue();
    }

    @Test
    void altitudeAndCeilingMustNotBeNegative() {
        assertThat(withArea("<altitude>-1</altitude>").issues()).extracting(CapIssue::code)
                .containsExactly("altitude.negative");
        assertThat(withArea("<altitude>0</altitude><ceiling>-5</ceiling>").issues()).extracting(CapIssue::code)
                .containsExactly("ceiling.negative");
    }

    @Test
    void expiresMustNotBeBeforeSentEffectiveOrOnset() {
        assertThat(validate(CapMessage.valid().times("<expires>2024-03-01T09:00:00+02:00</expires>")).issues())
                .extracting(CapIssue::code, CapIssue::xpath)
                .containsExactly(tuple("expires.before-sent", "/alert/info[1]/expires[1]"));
        assertThat(validate(CapMessage.valid().times("<effective>2024-03-01T13:00:00+02:00</effective>"
                + "<onset>2024-03-01T14:00:00+02:00</onset><expires>2024-03-01T12:00:00+02:00</expires>")).issues())
                .extracting(CapIssue::code).containsExactly("expires.before-effective", "expires.before-onset");
    }

    @Test
    void expiresComparesInstantsNotLocalTimes() {
        // 09:30 UTC is 11:30 in Kyiv, after the 10:00+02:00 sending time.
        assertThat(validate(CapMessage.valid().times("<expires>2024-03-01T09:30:00-00:00</expires>")).valid())
                .isTrue();
    }

    @Test
    void expiringAtTheSendingInstantIsAWarning() {
        CapVerdict verdict = validate(CapMessage.valid().times("<expires>2024-03-01T08:00:00-00:00</expires>"));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.warnings()).extracting(CapIssue::code).containsExactly("expires.at-sent");
    }

    @Test
    void datesFollowCapsDateTimeForm() {
        assertThat(validate(CapMessage.valid().sent("2024-03-01T10:00:00-00:00")).issues()).isEmpty();
        assertThat(validate(CapMessage.valid().sent("2024-03-01T10:00:00.5+02:00")).issues())
                .extracting(CapIssue::category, CapIssue::code).contains(tuple(CapIssue.Category.SEMANTIC,
                        "date.format"));
        assertThat(validate(CapMessage.valid().sent("2024-03-01T08:00:00Z")).issues()).extracting(CapIssue::message)
                .anyMatch(m -> m.contains("write UTC as -00:00"));
        assertThat(validate(CapMessage.valid().sent("2024-13-01T10:00:00+02:00")).issues())
                .extracting(CapIssue::code).contains("date.format");
    }

    @Test
    void aCap11DateWithoutAnOffsetIsRefusedEvenThoughItsXsdAllowsIt() {
        String cap11 = CapMessage.valid().sent("2024-03-01T10:00:00").xml()
                .replace("cap:1.2", "cap:1.1");

        CapVerdict verdict = VALIDATOR.validate(cap11.getBytes(StandardCharsets.UTF_8));

        assertThat(verdict.issues()).extracting(CapIssue::category, CapIssue::code)
                .containsExactly(tuple(CapIssue.Category.SEMANTIC, "date.format"));
    }

    @Test
    void identifierAndSenderRefuseSpacesCommasAndRestrictedCharacters() {
        for (String bad : new String[] {"a b", "a,b", "a&lt;b", "a&amp;b"}) {
            assertThat(validate(CapMessage.valid().identifier(bad)).issues())
                    .extracting(CapIssue::code, CapIssue::xpath)
                    .containsExactly(tuple("identifier.characters", "/alert/identifier[1]"));
            assertThat(validate(CapMessage.valid().sender(bad)).issues()).extracting(CapIssue::code)
                    .containsExactly("sender.characters");
        }
        assertThat(validate(CapMessage.valid().identifier("")).issues()).extracting(CapIssue::code)
                .containsExactly("identifier.empty");
    }

    @Test
    void referencesAreSpaceSeparatedSenderIdentifierSentTriples() {
        String two = "<references>a@b.ua,ID-1,2024-03-01T09:00:00+02:00 a@b.ua,ID-2,2024-03-01T09:30:00+02:00"
                + "</references>";
        assertThat(validate(CapMessage.valid().afterScope(two)).valid()).isTrue();
        assertThat(validate(CapMessage.valid().afterScope("<references>a@b.ua,ID-1</references>")).issues())
                .extracting(CapIssue::code, CapIssue::xpath)
                .containsExactly(tuple("references.malformed", "/alert/references[1]"));
        assertThat(validate(CapMessage.valid().afterScope("<references>a@b.ua,ID-1,yesterday</references>"))
                .issues()).extracting(CapIssue::code).containsExactly("references.malformed");
        assertThat(validate(CapMessage.valid().afterScope("<references>,ID-1,2024-03-01T09:00:00+02:00"
                + "</references>")).issues()).extracting(CapIssue::code).containsExactly("references.malformed");
    }

    @Test
    void referencesCanBeRequiredToPointToKnownMessages() {
        Set<CapReference> store = Set.of(new CapReference("a@b.ua", "ID-1", "2024-03-01T09:00:00+02:00"));
        CapValidator importer = CapValidator.builder().knownMessages(store::contains).build();
        CapMessage update = CapMessage.valid().msgType("Update");

        assertThat(importer.validate(update.afterScope("<references>a@b.ua,ID-1,2024-03-01T09:00:00+02:00"
                + "</references>").bytes()).valid()).isTrue();
        assertThat(importer.validate(update.afterScope("<references>a@b.ua,ID-9,2024-03-01T09:00:00+02:00"
                + "</references>").bytes()).issues()).extracting(CapIssue::code, CapIssue::message)
                .containsExactly(tuple("references.unknown", "reference 1 points to a message this system does not "
                        + "know: a@b.ua,ID-9,2024-03-01T09:00:00+02:00"));
    }

    @Test
    void updateCancelAckAndErrorMustReferenceTheMessagesTheyActOn() {
        for (String type : new String[] {"Update", "Cancel", "Ack", "Error"}) {
            assertThat(validate(CapMessage.valid().msgType(type)).issues()).extracting(CapIssue::code)
                    .containsExactly("references.required");
            assertThat(validate(CapMessage.valid().msgType(type).afterScope("<references/>")).issues())
                    .extracting(CapIssue::code).containsExactly("references.required");
        }
    }

    @Test
    void anEmptyReferencesOnAnAlertIsOnlyAWarning() {
        CapVerdict verdict = validate(CapMessage.valid().afterScope("<references> </references>"));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.warnings()).extracting(CapIssue::code).containsExactly("references.empty");
    }

    @Test
    void aPrivateMessageMustListItsAddresses() {
        assertThat(validate(CapMessage.valid().scope("Private")).issues()).extracting(CapIssue::code)
                .containsExactly("addresses.required");
        assertThat(validate(CapMessage.valid().scope("Private").afterScope("<addresses>ops@tocsin.example"
                + "</addresses>")).valid()).isTrue();
    }

    @Test
    void aDuplicateSingleValuedElementIsNamedAsSuch() {
        CapVerdict verdict = validate(CapMessage.valid().afterScope("<note>one</note><note>two</note>"));

        assertThat(verdict.issues()).extracting(CapIssue::category, CapIssue::code, CapIssue::xpath)
                .contains(tuple(CapIssue.Category.SEMANTIC, "element.duplicate", "/alert/note[2]"));
        assertThat(validate(CapMessage.valid().afterScope("<code>a</code><code>b</code>")).valid()).isTrue();
    }

    @Test
    void anUnknownElementInTheCapNamespaceIsNamedAsSuch() {
        CapVerdict verdict = validate(CapMessage.valid().area("<areaDesc>A</areaDesc><radius>5</radius>"));

        assertThat(verdict.issues()).extracting(CapIssue::category, CapIssue::code, CapIssue::xpath)
                .contains(tuple(CapIssue.Category.SEMANTIC, "element.unknown", "/alert/info[1]/area[1]/radius[1]"),
                        tuple(CapIssue.Category.SCHEMA, "schema.cvc-complex-type.2.4.a",
                                "/alert/info[1]/area[1]/radius[1]"));
    }

    @Test
    void anElementOfAnotherNamespaceIsLeftToTheSchema() {
        CapVerdict verdict = validate(CapMessage.valid().area("<areaDesc>A</areaDesc>"
                + "<x:radius xmlns:x=\"urn:example\">5</x:radius>"));

        assertThat(verdict.issues()).extracting(CapIssue::category).containsOnly(CapIssue.Category.SCHEMA);
    }

    @Test
    void aVerdictCannotBeChangedAfterTheFact() {
        CapVerdict verdict = validate(CapMessage.valid().identifier("a b"));

        assertThatThrownBy(() -> verdict.issues().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
