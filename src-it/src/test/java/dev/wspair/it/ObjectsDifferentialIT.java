package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wspair.conformance.diff.Comparison.Status;
import dev.wspair.conformance.diff.Documented.Container;
import dev.wspair.conformance.objects.ObjectsComparison;
import dev.wspair.conformance.objects.ObjectsComparison.Outcome;
import dev.wspair.conformance.objects.ObjectsObservation;
import dev.wspair.conformance.objects.ObjectsReport;
import dev.wspair.conformance.objects.ObjectsRunner;
import dev.wspair.conformance.objects.ObjectsScenario;
import dev.wspair.conformance.objects.ObjectsScenarios;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.it.support.WorkerdPeer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The objects differential test: the Java objects peer (the protocol of {@code src-it/workerd/objects.js}'s header) deployed on this
 * runtime and the objects peer in workerd ({@code src-it/workerd/objects.js}) run the same
 * {@link ObjectsScenarios}; the two observations of each scenario are compared section by section,
 * field by field ({@link ObjectsComparison}). A difference fails unless it is an accepted one
 * ({@code ObjectsAccepted}, each a row of README "Differences from workerd"). The report goes to
 * target/objects-differential-RUNTIME.md, both observations to target/objects-differential-RUNTIME.json.
 */
@ExtendWith(ArquillianExtension.class)
class ObjectsDifferentialIT {

    private static final String COMPATIBILITY_DATE = "2026-11-17";

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.objectsPeer("objects-peer");
    }

    @ArquillianResource
    URL deployment;

    @TestFactory
    Stream<DynamicTest> theJavaObjectsPeerBehavesAsWorkerd() throws Exception {
        List<ObjectsScenario> scenarios = ObjectsScenarios.all();
        URI java = Urls.ws(deployment, "");
        Map<String, String> peers = new LinkedHashMap<>();
        JsonObject fromWorkerd;
        try (WorkerdPeer workerd = new WorkerdPeer(COMPATIBILITY_DATE)) {
            peers.put("workerd " + COMPATIBILITY_DATE, workerd.url());
            fromWorkerd = observe(URI.create(workerd.url()), scenarios);
        }
        peers.put("java on " + Runtime.current(), java.toString());
        JsonObject fromJava = observe(java, scenarios);
        List<Outcome> outcomes = new ArrayList<>();
        for (ObjectsScenario s : scenarios) {
            outcomes.add(ObjectsComparison.compare(s, container(),
                    ObjectsObservation.of("workerd", fromWorkerd.getJsonObject(s.name())),
                    ObjectsObservation.of("java on " + Runtime.current(), fromJava.getJsonObject(s.name()))));
        }
        report(peers, outcomes, Json.createObjectBuilder().add("workerd", fromWorkerd).add("java", fromJava).build());
        return outcomes.stream().map(o -> DynamicTest.dynamicTest(o.scenario().name(), () -> assertNotEquals(Status.DIFF,
                o.status(), () -> o.scenario().name() + " on " + Runtime.current() + ": " + o.cell() + "\n  "
                        + String.join("\n  ", o.remaining().stream().map(Object::toString).toList()))));
    }

    private static JsonObject observe(URI peer, List<ObjectsScenario> scenarios) throws Exception {
        String json = new ObjectsRunner(peer).runAll(scenarios);
        return Json.createReader(new StringReader(json)).readObject();
    }

    /** The report, and both observations as JSON beside it. */
    private static void report(Map<String, String> peers, List<Outcome> outcomes, JsonObject observations) throws Exception {
        String runtime = Runtime.current().name().toLowerCase();
        Files.writeString(Path.of("target", "objects-differential-" + runtime + ".json"), observations.toString(),
                StandardCharsets.UTF_8);
        System.out.println("Objects differential on " + Runtime.current() + ": " + ObjectsReport.counts(outcomes));
        System.out.println(ObjectsReport.summaryTable(outcomes));
        String title = "Objects differential report: workerd objects peer vs Java objects peer on " + Runtime.current();
        Files.writeString(Path.of("target", "objects-differential-" + runtime + ".md"),
                ObjectsReport.markdown(title, peers, outcomes), StandardCharsets.UTF_8);
    }

    /** WildFly runs Undertow; the embedded runtime and Payara run Tyrus. */
    private static Container container() {
        return Runtime.current() == Runtime.WILDFLY ? Container.UNDERTOW : Container.TYRUS;
    }
}
