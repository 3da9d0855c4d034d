// The module direction, app -> lessons -> core, checked on the compiled classes of every Stepwise module.
package org.stepwise.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.stepwise.core.kernels.Kernels;

class ModuleDirectionTest {

    // Imported from the classpath, where core and lessons arrive as reactor jars or class folders.
    private static final JavaClasses STEPWISE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.stepwise");

    @Test
    void importSeesTheCoreAndItsDependencies() {
        assertTrue(STEPWISE.contain(Kernels.class), "org.stepwise.core was not imported");
        assertTrue(noClasses().that().resideInAPackage("org.stepwise.app..")
                        .should().dependOnClassesThat().resideInAPackage("org.stepwise.core..")
                        .evaluate(STEPWISE).hasViolation(),
                "the app's use of core is invisible, so the rules below would pass vacuously");
    }

    @Test
    void coreDependsOnNoOtherModuleAndNoUi() {
        noClasses().that().resideInAPackage("org.stepwise.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.stepwise.lessons..", "org.stepwise.app..", "javafx..", "org.controlsfx..", "org.jfree..")
                .check(STEPWISE);
    }

    @Test
    void lessonsDependOnNeitherTheAppNorTheUi() {
        noClasses().that().resideInAPackage("org.stepwise.lessons..")
                .should().dependOnClassesThat().resideInAnyPackage("org.stepwise.app..", "javafx..")
                .check(STEPWISE);
    }
}
