package io.nexus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of ARCHITECTURE.md: each package uses only what its line names. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.nexus");
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void engineLeavesUseOnlyTheJdk() {
        check(classes().that().resideInAnyPackage("io.nexus.engine.memory..", "io.nexus.engine.topology..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.nexus.engine.memory..", "io.nexus.engine.topology.."));
        check(classes().that().resideInAPackage("io.nexus.engine.queue..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.nexus.engine.queue..", "org.jctools.."));
    }

    @Test
    void measurementUsesTheJdkAndHdrHistogram() {
        check(classes().that().resideInAPackage("io.nexus.engine.measure..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.sun.management..", "org.HdrHistogram..",
                        "io.nexus.engine.measure..", "io.nexus.engine.memory.."));
    }

    @Test
    void engineKnowsNoScreenDatabaseOrFileFormat() {
        check(classes().that().resideInAPackage("io.nexus.engine..").and().resideOutsideOfPackage("io.nexus.engine.workload..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jdk.incubator.vector..", "com.sun.management..",
                        "org.HdrHistogram..", "org.jctools..", "io.nexus.engine.."));
        check(classes().that().resideInAPackage("io.nexus.engine.workload..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jdk.incubator.vector..", "io.netty..", "io.nexus.engine..")
                .because("a workload is a kernel on the JDK, or the http workload's client on Netty's HTTP codec"));
    }

    @Test
    void profilesUseTheJdkAndJacksonOnly() {
        check(classes().that().resideInAPackage("io.nexus.profile..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.nexus.profile.."));
    }

    @Test
    void benchUsesEngineAndProfilesOnly() {
        // commons-math3 fits the scalability model, as HdrHistogram holds the latencies: numerics, no I/O; the JDK's flight
        // recorder says where a run's time went
        check(classes().that().resideInAPackage("io.nexus.bench..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jdk.jfr..", "org.HdrHistogram..", "org.apache.commons.math3..",
                        "io.nexus.engine..", "io.nexus.profile..", "io.nexus.bench.."));
    }

    @Test
    void theAdvisorReadsRunsAndProfilesOnly() {
        check(classes().that().resideInAPackage("io.nexus.advisor..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.nexus.engine..", "io.nexus.bench..",
                        "io.nexus.profile..", "io.nexus.advisor..")
                .because("a diagnosis is a pure function of a measured run, its profile and its scaling model"));
    }

    @Test
    void theApiServesTheEngineAndKnowsNoRunStoreOrScreen() {
        check(classes().that().resideInAPackage("io.nexus.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.netty..", "io.github.bucket4j..",
                        "com.fasterxml.jackson..", "org.HdrHistogram..", "io.nexus.engine..", "io.nexus.profile..", "io.nexus.api.."));
    }

    @Test
    void exportersArePureFunctionsOfProfileAndHost() {
        check(classes().that().resideInAPackage("io.nexus.tuning..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.nexus.profile..", "io.nexus.tuning.."));
    }

    @Test
    void theStoreKnowsRunsAndProfilesButNoScreenOrCommand() {
        check(noClasses().that().resideInAPackage("io.nexus.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nexus.app..", "io.nexus.cli..", "io.nexus.ui..", "io.nexus.tuning.."));
    }

    @Test
    void layersDoNotReachUpwards() {
        check(noClasses().that().resideInAnyPackage("io.nexus.engine..", "io.nexus.profile..", "io.nexus.bench..", "io.nexus.app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nexus.cli..", "io.nexus.ui.."));
        check(noClasses().that().resideInAPackage("io.nexus.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nexus.ui..", "io.nexus.engine.queue..",
                        "io.nexus.engine.memory..", "io.nexus.engine.topology..")
                .because("the command line drives the engine through the app's services and reads only their value types"));
    }

    @Test
    void onlyTheUiImportsJavaFx() {
        check(noClasses().that().resideOutsideOfPackage("io.nexus.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "eu.hansolo..", "org.kordamp.ikonli.."));
    }

    @Test
    void onlyTheCommandLinePrintsToStandardStreams() {
        check(noClasses().that().resideOutsideOfPackage("io.nexus.cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("output goes through the CLI or a logger; the engine and services never print"));
    }
}
