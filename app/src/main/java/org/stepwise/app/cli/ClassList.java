// Reads a list of class numbers as the command line takes it: "0-4", "2,6", "0-2,7".
package org.stepwise.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

final class ClassList {

    private ClassList() {
    }

    /**
     * @param option  how messages name the option, e.g. "--task-a"
     * @param classes how many classes the data has
     */
    static int[] parse(String option, String text, int classes) {
        Set<Integer> picked = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String[] ends = part.strip().split("-", -1);
            if (ends.length > 2 || !ends[0].strip().matches("\\d+")
                    || (ends.length == 2 && !ends[1].strip().matches("\\d+"))) {
                throw new IllegalArgumentException(option + " takes class numbers such as 0-4 or 2,6, not '" + text
                        + "'");
            }
            int from = Integer.parseInt(ends[0].strip());
            int to = ends.length == 2 ? Integer.parseInt(ends[1].strip()) : from;
            for (int c = from; c <= to; c++) {
                if (c >= classes) {
                    throw new IllegalArgumentException(option + " names class " + c + ", but the data has classes 0 "
                            + "to " + (classes - 1));
                }
                if (!picked.add(c)) {
                    throw new IllegalArgumentException(option + " names class " + c + " twice");
                }
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** "2 Pullover, 6 Shirt": the numbers with their names when the data has names. */
    static String describe(int[] picked, List<String> names) {
        List<String> parts = new ArrayList<>();
        for (int c : picked) {
            parts.add(names != null && c < names.size() ? c + " " + names.get(c) : Integer.toString(c));
        }
        return String.join(", ", parts);
    }
}
