// Counts the events a studio has seen, for StudioState.eventCount: the app and the headless harness keep one each.
package org.stepwise.lessons.goal;

import java.util.HashMap;
import java.util.Map;

public final class EventLog {
    private final Map<String, Long> counts = new HashMap<>();

    /** Records one event; {@code argument} is null for events that take none. */
    public synchronized void record(String event, String argument) {
        counts.merge(event, 1L, Long::sum);
        if (argument != null) {
            counts.merge(event + "(" + argument + ")", 1L, Long::sum);
        }
    }

    /** How often the event happened, with this argument, or with any when {@code argument} is null. */
    public synchronized long count(String event, String argument) {
        return counts.getOrDefault(argument == null ? event : event + "(" + argument + ")", 0L);
    }
}
