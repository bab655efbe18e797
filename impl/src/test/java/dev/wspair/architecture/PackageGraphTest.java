package dev.wspair.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph of the README's "Architecture" section, as rules: a change that adds a cycle
 * or an upward dependency fails the build.
 *
 * <pre>
 *   api (dev.wspair)  &lt;-  engine  &lt;-  jakarta, cdi, client, objects  &lt;-  runtime  &lt;-  servlet, embedded
 *   api (dev.wspair)  &lt;-  engine  &lt;-  json  &lt;-  runtime
 *   api (dev.wspair)  &lt;-  engine, jakarta, objects  &lt;-  metrics  &lt;-  runtime
 *   api (dev.wspair)  &lt;-  engine  &lt;-  objects  &lt;-  cluster  &lt;-  runtime
 * </pre>
 */
@AnalyzeClasses(packages = "dev.wspair", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageGraphTest {

    @ArchTest
    static final ArchRule engineIsALeaf = classes().that().resideInAPackage("dev.wspair.engine..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.wspair", "dev.wspair.engine..")
            .because("the engine is the socket state machine and nothing else: no container, CDI or client");

    @ArchTest
    static final ArchRule apiDependsOnNoImplementation = noClasses().that().resideInAPackage("dev.wspair")
            .should().dependOnClassesThat().resideInAnyPackage("dev.wspair.*..")
            .because("wspair-api never leaks an implementation type");

    @ArchTest
    static final ArchRule adaptersDoNotReachUp = noClasses()
            .that().resideInAnyPackage("dev.wspair.jakarta..", "dev.wspair.cdi..", "dev.wspair.client..",
                    "dev.wspair.json..", "dev.wspair.objects..", "dev.wspair.metrics..", "dev.wspair.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.wspair.runtime..", "dev.wspair.servlet..",
                    "dev.wspair.embedded..")
            .because("the runtime composes the bridge, CDI, the client and the objects, not the other way round");

    @ArchTest
    static final ArchRule objectsStandBesideTheAdapters = noClasses().that().resideInAPackage("dev.wspair.objects..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.wspair.jakarta..", "dev.wspair.cdi..",
                    "dev.wspair.client..")
            .because("Durable Objects use the engine's hooks only; the runtime wires them to the rest");

    @ArchTest
    static final ArchRule runtimeIsBelowItsHosts = noClasses().that().resideInAPackage("dev.wspair.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.wspair.servlet..", "dev.wspair.embedded..")
            .because("a WAR (servlet) and the embedded server each host a runtime");

    @ArchTest
    static final ArchRule jsonBindingStaysInOnePackage = noClasses().that().resideOutsideOfPackage("dev.wspair.json..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.json..")
            .because("JSON-B is optional on the embedded runtime: only dev.wspair.json loads it, on first use");

    @ArchTest
    static final ArchRule metricsStayInOnePackage = noClasses().that().resideOutsideOfPackage("dev.wspair.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.opentelemetry..")
            .because("Micrometer and OpenTelemetry are optional: only dev.wspair.metrics loads them, once present");

    @ArchTest
    static final ArchRule onlyTheRuntimeUsesTheMetrics = noClasses()
            .that().resideOutsideOfPackages("dev.wspair.metrics..", "dev.wspair.runtime..")
            .should().dependOnClassesThat().resideInAPackage("dev.wspair.metrics..")
            .because("the runtime owns the application's metrics; the bridge sees only ConnectionMetrics");

    @ArchTest
    static final ArchRule clusterStandsOnTheObjects = classes().that().resideInAPackage("dev.wspair.cluster..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.wspair", "dev.wspair.objects..",
                    "dev.wspair.cluster..", "com.hazelcast..")
            .because("the cluster places and links objects through their Placement and the public API; the runtime"
                    + " wires it to the client and the routes");

    @ArchTest
    static final ArchRule hazelcastStaysInOnePackage = noClasses().that().resideOutsideOfPackage("dev.wspair.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("com.hazelcast..")
            .because("Hazelcast is optional: only dev.wspair.cluster loads it, when wspair.cluster.members is set");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.wspair.(*)..").should().beFreeOfCycles();
}
