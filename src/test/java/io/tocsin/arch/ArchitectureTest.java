package io.tocsin.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.tocsin");

    @Test
    void theDomainImportsNoFrameworkAndNoOtherTocsinPackage() {
        noClasses().that().resideInAPackage("io.tocsin.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "com.fasterxml..",
                        "java.sql..", "javax.sql..", "io.nats..", "org.locationtech..", "com.zaxxer..", "picocli..",
                        "io.micrometer..", "org.sqlite..", "org.postgresql..")
                .check(CLASSES);
        classes().that().resideInAPackage("io.tocsin.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.tocsin.domain..", "java..")
                .check(CLASSES);
    }

    @Test
    void httpResourcesDoNotTouchTheDatabaseDirectly() {
        noClasses().that().resideInAPackage("io.tocsin.http..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "io.tocsin.db..")
                .check(CLASSES);
    }
}
