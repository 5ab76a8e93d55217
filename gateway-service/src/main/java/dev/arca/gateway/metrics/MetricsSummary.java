package dev.arca.gateway.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Vault's JSON answer of {@code sys/metrics} (go-metrics' in-memory summary: {@code Gauges},
 * {@code Counters}, {@code Samples}, each with a {@code Name} and the meter's tags as {@code Labels})
 * made from a Micrometer registry. Unlike Vault's, which cover the last ten-second interval, the
 * values are cumulative since start; times are in milliseconds, as Vault's are.
 */
final class MetricsSummary {

    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Comparator<Map<String, Object>> BY_NAME = Comparator.comparing(m -> (String) m.get("Name"));

    private MetricsSummary() {
    }

    static Map<String, Object> of(MeterRegistry registry, Instant now) {
        List<Map<String, Object>> gauges = new ArrayList<>();
        List<Map<String, Object>> counters = new ArrayList<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        TimeUnit ms = TimeUnit.MILLISECONDS;
        for (Meter m : registry.getMeters()) {
            m.use(
                    gauge -> gauge(gauges, m, gauge.value()),
                    counter -> counter(counters, m, counter.count()),
                    timer -> sample(samples, m, timer.count(), timer.totalTime(ms), timer.max(ms)),
                    summary -> sample(samples, m, summary.count(), summary.totalAmount(), summary.max()),
                    longTask -> sample(samples, m, longTask.activeTasks(), longTask.duration(ms), longTask.max(ms)),
                    timeGauge -> gauge(gauges, m, timeGauge.value(ms)),
                    functionCounter -> counter(counters, m, functionCounter.count()),
                    functionTimer -> sample(samples, m, (long) functionTimer.count(), functionTimer.totalTime(ms), Double.NaN),
                    other -> { });
        }
        gauges.sort(BY_NAME);
        counters.sort(BY_NAME);
        samples.sort(BY_NAME);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Timestamp", GO_TIME.format(now));
        out.put("Gauges", gauges);
        out.put("Points", List.of());
        out.put("Counters", counters);
        out.put("Samples", samples);
        return out;
    }

    private static void gauge(List<Map<String, Object>> into, Meter m, double value) {
        if (!Double.isNaN(value)) {
            Map<String, Object> g = named(m);
            g.put("Value", value);
            into.add(labelled(g, m));
        }
    }

    private static void counter(List<Map<String, Object>> into, Meter m, double total) {
        Map<String, Object> c = named(m);
        c.put("Count", Math.round(total));
        c.put("Sum", total);
        into.add(labelled(c, m));
    }

    private static void sample(List<Map<String, Object>> into, Meter m, long count, double sum, double max) {
        Map<String, Object> s = named(m);
        s.put("Count", count);
        s.put("Sum", sum);
        if (!Double.isNaN(max)) {
            s.put("Max", max);
        }
        s.put("Mean", count == 0 ? 0.0 : sum / count);
        into.add(labelled(s, m));
    }

    private static Map<String, Object> named(Meter m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Name", m.getId().getName());
        return v;
    }

    private static Map<String, Object> labelled(Map<String, Object> v, Meter m) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Tag t : m.getId().getTags()) {
            labels.put(t.getKey(), t.getValue());
        }
        v.put("Labels", labels);
        return v;
    }
}
