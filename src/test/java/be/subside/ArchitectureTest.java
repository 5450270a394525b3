package be.subside;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Package by feature; the engine is glue that only {@code be.subside.process} touches. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("be.subside");
    }

    @Test
    void onlyTheProcessPackageImportsCamunda() {
        noClasses().that().resideOutsideOfPackage("be.subside.process..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(classes);
    }

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        slices().matching("be.subside.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void featuresDoNotReachIntoTheEngineGlueOrTheDemo() {
        noClasses().that().resideInAnyPackage("be.subside.call..", "be.subside.application..", "be.subside.identity..",
                "be.subside.evaluation..", "be.subside.notification..", "be.subside.audit..", "be.subside.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("be.subside.process..", "be.subside.demo..")
                .check(classes);
    }
}
