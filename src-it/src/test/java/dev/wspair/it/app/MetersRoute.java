package dev.wspair.it.app;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code GET /meters}: the wspair meters of the application's registry, one line each,
 * {@code name{tag=value,...} value}, sorted (a gauge's value, a counter's count).
 */
@Route("/meters")
@ApplicationScoped
public class MetersRoute implements FetchHandler {

    @Inject
    MeterRegistry registry;

    @Override
    public Response fetch(Request request) {
        Map<String, Double> lines = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            if (!id.getName().startsWith("wspair.")) {
                continue;
            }
            String tags = id.getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
            for (Measurement measurement : meter.measure()) {
                lines.put(id.getName() + tags, measurement.getValue());
            }
        }
        StringBuilder out = new StringBuilder();
        lines.forEach((meter, value) -> out.append(meter).append(' ').append(value).append('\n'));
        return new Response(out.toString());
    }
}
