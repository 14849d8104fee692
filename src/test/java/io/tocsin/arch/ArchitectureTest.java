package io.tocsin.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            // Any build directory (target, target-x): skip whatever was compiled from the test sources.
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("io.tocsin");

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
