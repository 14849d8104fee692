package io.tocsin.region;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransliteratorTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            // region names the product shows
            "Київ, Kyiv",
            "Харківська, Kharkivska",
            "Уманська, Umanska",
            "Запорізька, Zaporizka",
            "Житомирська, Zhytomyrska",
            "Ізмаїльський, Izmailskyi",
            "Харківська область, Kharkivska oblast",
            "Уманська територіальна громада, Umanska terytorialna hromada",
            "Могилів-Подільський район, Mohyliv-Podilskyi raion",
            "Автономна Республіка Крим, Avtonomna Respublika Krym",
            // the examples in the table of resolution No. 55 itself
            "Згорани, Zghorany",
            "Розгон, Rozghon",
            "Щербухи, Shcherbukhy",
            "Юрій, Yurii",
            "Яготин, Yahotyn",
            "Їжакевич, Yizhakevych",
            "Короп'є, Koropie",
            "Гадяч, Hadiach",
            "Феодосія, Feodosiia",
            "Миколаївка, Mykolaivka",
            "Луцьк, Lutsk",
            "Знам'янка, Znamianka",
            "Йосипівка, Yosypivka",
            "Стрий, Stryi",
            "Олексій, Oleksii",
            "Єнакієве, Yenakiieve",
            "Алушта, Alushta",
            "Борщагівка, Borshchahivka",
            "Вінниця, Vinnytsia",
            "Ґалаґан, Galagan",
            "Дон, Don",
            "Рівне, Rivne",
            "Гаєвич, Haievych",
            "Житомир, Zhytomyr",
            "Закарпаття, Zakarpattia",
            "Медвин, Medvyn",
            "Іршава, Irshava",
            "Кадиївка, Kadyivka",
            "Ковалишин, Kovalyshyn",
            "Лебедин, Lebedyn",
            "Михайленко, Mykhailenko",
            "Нікопольський, Nikopolskyi",
            "Одеса, Odesa",
            "Полтава, Poltava",
            "Рахів, Rakhiv",
            "Суми, Sumy",
            "Тетерів, Teteriv",
            "Ужгород, Uzhhorod",
            "Фастів, Fastiv",
            "Харків, Kharkiv",
            "Біла Церква, Bila Tserkva",
            "Чернівці, Chernivtsi",
            "Шостка, Shostka",
            "Гоща, Hoshcha",
            "Стрийщина, Stryishchyna",
            "Юрчук, Yurchuk",
            "Крюківка, Kriukivka",
            "Ярошенко, Yaroshenko",
            "Костянтин, Kostiantyn",
    })
    void transliteratesByResolution55(String ukrainian, String latin) {
        assertThat(Transliterator.latin(ukrainian)).isEqualTo(latin);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "КИЇВ, KYIV",
            "ЩЕРБУХИ, SHCHERBUKHY",
            "ЮРІЙ, YURII",
            "ЗГОРАНИ, ZGHORANY",
            "ЯГОТИН, YAHOTYN",
            "ЄНАКІЄВЕ, YENAKIIEVE",
            "ЛУЦЬК, LUTSK",
            "ЗНАМ’ЯНКА, ZNAMIANKA",
            "ГОЩА, HOSHCHA",
    })
    void keepsCapitalsWhenTheWholeWordIsInCapitals(String ukrainian, String latin) {
        assertThat(Transliterator.latin(ukrainian)).isEqualTo(latin);
    }

    @Test
    void capitalisesOnlyTheFirstLetterOfADigraphInTitleCase() {
        assertThat(Transliterator.latin("Щ")).isEqualTo("Shch");
        assertThat(Transliterator.latin("Хмельницький Жмеринка Чоп Шепетівка Цюрупинськ"))
                .isEqualTo("Khmelnytskyi Zhmerynka Chop Shepetivka Tsiurupynsk");
    }

    @Test
    void dropsAllThreeApostrophesInsideWords() {
        assertThat(Transliterator.latin("Кам'янець")).isEqualTo("Kamianets");
        assertThat(Transliterator.latin("Кам’янець")).isEqualTo("Kamianets");
        assertThat(Transliterator.latin("Камʼянець")).isEqualTo("Kamianets");
    }

    @Test
    void keepsQuoteMarksThatAreNotApostrophes() {
        assertThat(Transliterator.latin("'Київ'")).isEqualTo("'Kyiv'");
    }

    @Test
    void treatsHyphenAndSpaceAsWordStartsButNotAnApostrophe() {
        assertThat(Transliterator.latin("Ново-Ярославка")).isEqualTo("Novo-Yaroslavka");
        assertThat(Transliterator.latin("Нова Ялта")).isEqualTo("Nova Yalta");
        assertThat(Transliterator.latin("Лук'янівка")).isEqualTo("Lukianivka");
    }

    @Test
    void passesThroughWhatIsNotUkrainian() {
        assertThat(Transliterator.latin("м. Kyiv, 2024 (№5)")).isEqualTo("m. Kyiv, 2024 (№5)");
        assertThat(Transliterator.latin("")).isEmpty();
        assertThat(Transliterator.latin(null)).isNull();
    }
}
