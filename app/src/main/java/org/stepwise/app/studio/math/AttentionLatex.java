// Writes one query's AttentionMath as LaTeX with the step's numbers: the scores q_i·k_j/√d of the positions it may
// see, their softmax, and the head's output as the values mixed by those weights. Positions count from 1, as the
// panel's choosers do. No JavaFX here: the strings are tested on their own.
package org.stepwise.app.studio.math;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.stepper.AttentionMath;

final class AttentionLatex {
    /** Components of the output vector written out before "⋯". */
    static final int COMPONENTS = 3;

    private AttentionLatex() {
    }

    /** s_{i,j} = q_i·k_j / √d for each shown j ≤ i. */
    static String scores(AttentionMath m, MathLatex.Options o) {
        String i = Integer.toString(m.position() + 1);
        StringBuilder s = new StringBuilder("\\begin{aligned}\n");
        s.append("s_{").append(i).append(",j} &= \\frac{q_{").append(i).append("}\\cdot k_j}{\\sqrt{d}},")
                .append("\\quad j = 1,\\dots,").append(i).append(",\\ d = ").append(m.headSize()).append(" \\\\\n");
        eachShown(m, o, s, k -> s.append("s_{").append(i).append(',').append(k.position() + 1)
                .append("} &= \\frac{").append(MathNumbers.latex(k.dot(), o.full())).append("}{\\sqrt{")
                .append(m.headSize()).append("}} = ").append(MathNumbers.latex(k.score(), o.full()))
                .append(" \\\\\n"));
        return end(s);
    }

    /** α_{i,j} = e^{s_{i,j}} / Σ_k e^{s_{i,k}} for each shown j, and their sum, 1. */
    static String weights(AttentionMath m, MathLatex.Options o) {
        String i = Integer.toString(m.position() + 1);
        double total = 0;
        for (AttentionMath.Key k : m.keys()) {
            total += Math.exp(k.score());
        }
        StringBuilder s = new StringBuilder("\\begin{aligned}\n");
        s.append("\\alpha_{").append(i).append(",j} &= \\frac{e^{s_{").append(i).append(",j}}}{\\sum_{k=1}^{")
                .append(i).append("} e^{s_{").append(i).append(",k}}},\\quad \\sum_{k=1}^{").append(i)
                .append("} e^{s_{").append(i).append(",k}} = ").append(MathNumbers.latex(total, o.full()))
                .append(" \\\\\n");
        double sum = 0;
        for (AttentionMath.Key k : m.keys()) {
            sum += k.weight();
        }
        double denominator = total;
        eachShown(m, o, s, k -> s.append("\\alpha_{").append(i).append(',').append(k.position() + 1)
                .append("} &= \\frac{e^{").append(MathNumbers.latex(k.score(), o.full())).append("}}{")
                .append(MathNumbers.latex(denominator, o.full())).append("} = ")
                .append(MathNumbers.latex(k.weight(), o.full())).append(" \\\\\n"));
        s.append("\\sum_j \\alpha_{").append(i).append(",j} &= ")
                .append(MathNumbers.latex(sum, o.full())).append('\n');
        return s.append("\\end{aligned}").toString();
    }

    /** c_i = Σ_j α_{i,j} v_j: its first component term by term, then the first components of the vector. */
    static String output(AttentionMath m, MathLatex.Options o) {
        String i = Integer.toString(m.position() + 1);
        StringBuilder s = new StringBuilder("\\begin{aligned}\n");
        s.append("c_{").append(i).append("} &= \\sum_{j=1}^{").append(i).append("} \\alpha_{").append(i)
                .append(",j}\\, v_j \\\\\n");
        s.append("c_{").append(i).append(",1} ");
        List<String> items = new ArrayList<>();
        for (int j : MathLatex.shown(m.keys().size(), o.all())) {
            items.add(j < 0 ? "\\cdots" : MathLatex.product(m.keys().get(j).weight(), m.keys().get(j).value()[0],
                    o.full()));
        }
        MathLatex.lines(s, items);
        s.append("&= ").append(MathNumbers.latex(m.context()[0], o.full())).append(" \\\\\n");
        s.append("c_{").append(i).append("} &= (");
        int shown = Math.min(COMPONENTS, m.context().length);
        for (int c = 0; c < shown; c++) {
            s.append(c == 0 ? "" : ",\\ ").append(MathNumbers.latex(m.context()[c], o.full()));
        }
        if (shown < m.context().length) {
            s.append(",\\ \\dots");
        }
        s.append(")");
        return end(s);
    }

    /** One line per key the sum shows, and a "⋮" line where the middle ones are left out. */
    private static void eachShown(AttentionMath m, MathLatex.Options o, StringBuilder s,
                                  java.util.function.Consumer<AttentionMath.Key> line) {
        for (int j : MathLatex.shown(m.keys().size(), o.all())) {
            if (j < 0) {
                s.append("&\\ \\ \\vdots \\\\\n");
            } else {
                line.accept(m.keys().get(j));
            }
        }
    }

    private static String end(StringBuilder s) {
        if (s.toString().endsWith(" \\\\\n")) {
            s.setLength(s.length() - 4);
            s.append('\n');
        }
        return s.append("\\end{aligned}").toString();
    }
}
