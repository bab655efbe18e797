package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wspair.conformance.diff.Comparison;
import dev.wspair.conformance.diff.Comparison.Outcome;
import dev.wspair.conformance.diff.Documented;
import dev.wspair.conformance.diff.Observation;
import dev.wspair.conformance.diff.Peer;
import dev.wspair.conformance.diff.Report;
import dev.wspair.conformance.diff.Scenario;
import dev.wspair.conformance.diff.ScenarioRunner;
import dev.wspair.conformance.diff.Scenarios;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.it.support.WorkerdPeer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The differential test: the conformance peer deployed on this runtime and the same peer as a
 * Worker in workerd, driven with the same scenarios under a current compatibility date and one
 * before auto-reply, compared field by field. A difference fails unless it is a documented one
 * (README, "Differences from workerd"); the report goes to target/differential-RUNTIME.md.
 */
@ExtendWith(ArquillianExtension.class)
class DifferentialIT {

    private static final Map<String, String> DATES = Map.of("current", "2026-11-17", "old", "2026-01-01");
    private static final List<Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, String> PEERS = new LinkedHashMap<>();
    private static WorkerdPeer workerdCurrent;
    private static WorkerdPeer workerdOld;

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.peer("peer");
    }

    @ArquillianResource
    URL deployment;

    @BeforeAll
    static void startWorkerd() throws Exception {
        workerdCurrent = new WorkerdPeer(DATES.get("current"));
        workerdOld = new WorkerdPeer(DATES.get("old"));
    }

    @AfterAll
    static void stopWorkerdAndReport() throws Exception {
        workerdCurrent.close();
        workerdOld.close();
        List<String> dates = List.of(DATES.get("current"), DATES.get("old"));
        System.out.println("Differential summary on " + Runtime.current() + " (workerd peer vs Java peer):");
        System.out.println(Report.summaryTable(dates, OUTCOMES));
        Path file = Path.of("target", "differential-" + Runtime.current().name().toLowerCase() + ".md");
        Files.writeString(file, Report.markdown(dates, PEERS, OUTCOMES), StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicContainer> theJavaPeerBehavesAsWorkerd() {
        String java = Urls.ws(deployment, "").toString();
        return Stream.of(
                dates("current", new Peer("workerd", workerdCurrent.url()), new Peer("java", java)),
                dates("old", new Peer("workerd", workerdOld.url()), new Peer("java", java + "old")));
    }

    private DynamicContainer dates(String key, Peer workerd, Peer java) {
        String date = DATES.get(key);
        PEERS.put("workerd " + date, workerd.base().toString());
        PEERS.put("java on " + Runtime.current() + " " + date, java.base().toString());
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario scenario : Scenarios.all()) {
            tests.add(DynamicTest.dynamicTest(scenario.name() + " @ " + date, () -> {
                Outcome outcome = run(scenario, date, workerd, java);
                OUTCOMES.add(outcome);
                if (outcome.status() == Comparison.Status.DIFF) {
                    StringBuilder message = new StringBuilder(scenario.name() + " @ " + date + " on " + Runtime.current()
                            + ": " + outcome.cell());
                    outcome.remaining().forEach(difference -> message.append("\n  ").append(difference));
                    fail(message.toString());
                }
            }));
        }
        return DynamicContainer.dynamicContainer("compatibility date " + date, tests);
    }

    private static Outcome run(Scenario scenario, String date, Peer workerd, Peer java) throws Exception {
        Observation fromWorkerd = ScenarioRunner.run(workerd, scenario);
        Observation fromJava = ScenarioRunner.run(java, scenario);
        return Comparison.compare(scenario, date, container(), fromWorkerd, fromJava);
    }

    /** WildFly runs Undertow; the embedded runtime and Payara run Tyrus. */
    private static Documented.Container container() {
        return Runtime.current() == Runtime.WILDFLY ? Documented.Container.UNDERTOW : Documented.Container.TYRUS;
    }
}
