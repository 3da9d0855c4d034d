// Writes one neuron's NeuronMath as LaTeX, with the step's real numbers: the weighted sum and the activation, δ,
// the gradients and the update. Plain amsmath (aligned, array, \frac, \operatorname), so what the panel typesets
// is also what a teacher pastes into slides. No JavaFX here: the strings are tested on their own.
package org.stepwise.app.studio.math;

import java.util.ArrayList;
import java.util.List;
import org.stepwise.core.stepper.NeuronMath;

final class MathLatex {
    /** Terms shown before "⋯" and the last one when a sum is long. */
    static final int LEADING = 3;
    /** Sums up to this long are written out whole; "all terms" writes out sums up to ALL_LIMIT. */
    static final int SHORT = 5;
    static final int ALL_LIMIT = 32;
    /** Terms per line, so a written-out sum wraps instead of running off the panel. */
    static final int PER_LINE = 3;

    /**
     * @param full         every digit of the float instead of 4 significant ones
     * @param all          write out sums up to ALL_LIMIT terms instead of eliding the middle
     * @param plainSgd     the update is w − η·∂L/∂w (SGD without weight decay); else it is shown as w + Δw
     * @param learningRate η of the last update
     * @param rows         samples in the batch
     */
    record Options(boolean full, boolean all, boolean plainSgd, double learningRate, int rows) {
    }

    private MathLatex() {
    }

    /** The indices a sum of n terms shows, with -1 where "⋯" stands for the ones left out. */
    static List<Integer> shown(int n, boolean all) {
        List<Integer> out = new ArrayList<>();
        if (n <= SHORT || (all && n <= ALL_LIMIT)) {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        for (int i = 0; i < LEADING; i++) {
            out.add(i);
        }
        out.add(-1);
        out.add(n - 1);
        return out;
    }

    // ---- forward ------------------------------------------------------------------------------------------------

    /** z = Σ w·a + b with every shown product, its value, then a = f(z). */
    static String forward(NeuronMath m, Options o) {
        int j = m.unit() + 1;
        List<NeuronMath.Term> terms = m.forward().terms();
        int n = terms.size();
        StringBuilder s = new StringBuilder("\\begin{aligned}\n");
        s.append("z_{").append(j).append("} &= \\sum_{i=1}^{").append(n).append("} w_{").append(j)
                .append(",i}\\,a_i + b_{").append(j).append("} \\\\\n");
        List<Integer> idx = shown(n, o.all());
        List<String> items = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += weightAt(m, i) * terms.get(i).value();
        }
        for (int i : idx) {
            items.add(i < 0 ? "\\cdots" : product(weightAt(m, i), terms.get(i).value(), o.full()));
        }
        double b = m.bias().before();
        items.add(signed(b, o.full()));
        lines(s, items);
        if (idx.contains(-1)) {
            s.append("&= ").append(MathNumbers.latex(sum, o.full())).append(' ').append(signed(b, o.full()))
                    .append(" \\\\\n");
        }
        s.append("&= ").append(MathNumbers.latex(m.forward().z(), o.full())).append(" \\\\\n");
        s.append(activation(m, o)).append('\n');
        return s.append("\\end{aligned}").toString();
    }

    /**
     * The weight the forward used: the value at the start of the step. (NeuronMath's forward terms carry the live
     * weight, which after the update is already the new one.)
     */
    private static double weightAt(NeuronMath m, int i) {
        return m.weights().get(i).before();
    }

    private static String activation(NeuronMath m, Options o) {
        String j = Integer.toString(m.unit() + 1);
        String z = MathNumbers.latex(m.forward().z(), o.full());
        String a = MathNumbers.latex(m.forward().a(), o.full());
        String aj = "a_{" + j + "} &= ";
        return switch (m.forward().activation()) {
            case "identity" -> aj + "z_{" + j + "} = " + a;
            case "relu" -> aj + "\\max(0,\\,z_{" + j + "}) = \\max(0,\\," + z + ") = " + a;
            case "leaky_relu" -> aj + "\\max(0.01\\,z_{" + j + "},\\,z_{" + j + "}) = " + a;
            case "sigmoid" -> aj + "\\sigma(z_{" + j + "}) = \\frac{1}{1+e^{-z_{" + j + "}}} = \\sigma(" + z + ") = "
                    + a;
            case "tanh" -> aj + "\\tanh(z_{" + j + "}) = \\tanh(" + z + ") = " + a;
            case "gelu" -> aj + "\\operatorname{GELU}(z_{" + j + "}) = z_{" + j + "}\\,\\Phi(z_{" + j + "}) = "
                    + "\\operatorname{GELU}(" + z + ") = " + a;
            case "softmax" -> aj + "\\operatorname{softmax}(z)_{" + j + "} = \\frac{e^{z_{" + j
                    + "}}}{\\sum_k e^{z_k}} = " + a;
            default -> aj + "f(z_{" + j + "}) = " + a;
        };
    }

    // ---- backward -----------------------------------------------------------------------------------------------

    /** δ = f′(z)·Σ w·δ_next (or ∂L/∂a·f′(z) at the output), with f′ spelled out for the activation. */
    static String backward(NeuronMath m, Options o) {
        String j = Integer.toString(m.unit() + 1);
        NeuronMath.Backward b = m.backward();
        StringBuilder s = new StringBuilder("\\begin{aligned}\n");
        String delta = MathNumbers.latex(b.delta(), o.full());
        if (Double.isNaN(b.fPrime())) {
            // Softmax has no element-wise derivative: its Jacobian and the loss give δ = ∂L/∂z together.
            s.append("\\delta_{").append(j).append("} &= \\frac{\\partial L}{\\partial z_{").append(j)
                    .append("}} = ").append(delta).append('\n');
            return s.append("\\end{aligned}").toString();
        }
        String dLda = MathNumbers.factor(b.dLda(), o.full());
        String fPrime = MathNumbers.factor(b.fPrime(), o.full());
        if (b.fromLoss()) {
            s.append("\\delta_{").append(j).append("} &= \\frac{\\partial L}{\\partial a_{").append(j)
                    .append("}}\\cdot f'(z_{").append(j).append("}) \\\\\n");
            s.append(derivative(m, o)).append(" \\\\\n");
            s.append("\\delta_{").append(j).append("} &= ").append(dLda).append("\\cdot ").append(fPrime)
                    .append(" = ").append(delta).append('\n');
            return s.append("\\end{aligned}").toString();
        }
        List<NeuronMath.Term> next = b.downstream();
        if (next.isEmpty()) {
            s.append("\\delta_{").append(j).append("} &= f'(z_{").append(j).append("})\\cdot\\frac{\\partial L}")
                    .append("{\\partial a_{").append(j).append("}} \\\\\n");
            s.append(derivative(m, o)).append(" \\\\\n");
            s.append("\\frac{\\partial L}{\\partial a_{").append(j).append("}} &= ")
                    .append(MathNumbers.latex(b.dLda(), o.full())).append(" \\\\\n");
        } else {
            s.append("\\delta_{").append(j).append("} &= f'(z_{").append(j).append("})\\cdot\\sum_{k=1}^{")
                    .append(next.size()).append("} w_{k,").append(j).append("}\\,\\delta_k \\\\\n");
            s.append(derivative(m, o)).append(" \\\\\n");
            s.append("{\\textstyle\\sum_{k}} w_{k,").append(j).append("}\\,\\delta_k ");
            List<String> items = new ArrayList<>();
            for (int k : shown(next.size(), o.all())) {
                items.add(k < 0 ? "\\cdots" : product(next.get(k).factor(), next.get(k).value(), o.full()));
            }
            lines(s, items);
            s.append("&= ").append(MathNumbers.latex(b.dLda(), o.full())).append(" \\\\\n");
        }
        s.append("\\delta_{").append(j).append("} &= ").append(fPrime).append("\\cdot ").append(dLda).append(" = ")
                .append(delta).append('\n');
        return s.append("\\end{aligned}").toString();
    }

    private static String derivative(NeuronMath m, Options o) {
        String j = Integer.toString(m.unit() + 1);
        String fp = MathNumbers.latex(m.backward().fPrime(), o.full());
        String a = MathNumbers.factor(m.forward().a(), o.full());
        String head = "f'(z_{" + j + "}) &= ";
        boolean positive = m.forward().z() > 0;
        return switch (m.forward().activation()) {
            case "identity" -> head + fp;
            case "relu", "leaky_relu" -> head + fp + " \\quad (z_{" + j + "}" + (positive ? " > 0" : " \\le 0") + ")";
            case "sigmoid" -> head + "a_{" + j + "}\\,(1 - a_{" + j + "}) = " + a + "\\cdot(1 - " + a + ") = " + fp;
            case "tanh" -> head + "1 - a_{" + j + "}^2 = 1 - " + a + "^2 = " + fp;
            case "gelu" -> head + "\\Phi(z_{" + j + "}) + z_{" + j + "}\\,\\varphi(z_{" + j + "}) = " + fp;
            default -> head + fp;
        };
    }

    // ---- gradient and update --------------------------------------------------------------------------------------

    /** Per weight: this sample's δ·aᵢ, and ∂L/∂wᵢ summed over the batch; then the bias. */
    static String gradient(NeuronMath m, Options o) {
        String j = Integer.toString(m.unit() + 1);
        String s1 = Integer.toString(m.sample() + 1);
        String delta = MathNumbers.factor(m.backward().delta(), o.full());
        StringBuilder s = new StringBuilder("\\begin{array}{lcl}\n");
        List<NeuronMath.WeightStep> w = m.weights();
        for (int i : shown(w.size(), o.all())) {
            if (i < 0) {
                s.append("\\vdots & & \\vdots \\\\\n");
                continue;
            }
            NeuronMath.WeightStep step = w.get(i);
            String in = Integer.toString(i + 1);
            s.append("\\delta_{").append(j).append("}^{(").append(s1).append(")}\\,a_{").append(in).append("}^{(")
                    .append(s1).append(")} = ").append(delta).append("\\cdot ")
                    .append(MathNumbers.factor(step.activation(), o.full())).append(" = ")
                    .append(MathNumbers.latex(step.sampleTerm(), o.full()))
                    .append(" & \\qquad & \\dfrac{\\partial L}{\\partial w_{").append(j).append(',').append(in)
                    .append("}} = {\\textstyle\\sum_{n=1}^{").append(o.rows()).append("}} \\delta_{").append(j)
                    .append("}^{(n)}\\,a_{").append(in).append("}^{(n)} = ")
                    .append(MathNumbers.latex(step.gradient(), o.full())).append(" \\\\\n");
        }
        s.append("\\delta_{").append(j).append("}^{(").append(s1).append(")} = ")
                .append(MathNumbers.latex(m.bias().sampleTerm(), o.full()))
                .append(" & \\qquad & \\dfrac{\\partial L}{\\partial b_{").append(j)
                .append("}} = {\\textstyle\\sum_{n=1}^{").append(o.rows()).append("}} \\delta_{").append(j)
                .append("}^{(n)} = ")
                .append(MathNumbers.latex(m.bias().gradient(), o.full())).append('\n');
        return s.append("\\end{array}").toString();
    }

    /** Per weight: w ← w − η·∂L/∂w (or w + Δw for optimizers with state), before → after; then the bias. */
    static String update(NeuronMath m, Options o) {
        String j = Integer.toString(m.unit() + 1);
        StringBuilder s = new StringBuilder("\\begin{aligned}\n");
        List<NeuronMath.WeightStep> w = m.weights();
        for (int i : shown(w.size(), o.all())) {
            if (i < 0) {
                s.append("&\\;\\;\\vdots \\\\\n");
                continue;
            }
            s.append(updateLine("w_{" + j + "," + (i + 1) + "}", w.get(i), o)).append(" \\\\\n");
        }
        s.append(updateLine("b_{" + j + "}", m.bias(), o)).append('\n');
        return s.append("\\end{aligned}").toString();
    }

    private static String updateLine(String name, NeuronMath.WeightStep step, Options o) {
        String[] ends = MathNumbers.distinct(step.before(), step.after(), o.full());
        if (o.plainSgd()) {
            return name + " &\\leftarrow " + name + " - \\eta\\,\\frac{\\partial L}{\\partial " + name + "} = "
                    + ends[0] + " - " + MathNumbers.factor(o.learningRate(), o.full()) + "\\cdot "
                    + MathNumbers.factor(step.gradient(), o.full()) + " = " + ends[1];
        }
        return name + " &\\leftarrow " + name + " + \\Delta " + name + " = " + ends[0] + " + "
                + MathNumbers.factor(step.delta(), o.full()) + " = " + ends[1];
    }

    // ---- pieces -------------------------------------------------------------------------------------------------

    static String product(double factor, double value, boolean full) {
        return MathNumbers.factor(factor, full) + "\\cdot " + MathNumbers.factor(value, full);
    }

    /** "+ 0.25" or "- 0.25", to add a number at the end of a sum. */
    static String signed(double v, boolean full) {
        String s = MathNumbers.latex(v, full);
        return s.startsWith("-") ? "- " + s.substring(1) : "+ " + s;
    }

    /**
     * Appends "&= t1 + t2 + …" broken into lines of PER_LINE items; items that start with a sign ("- 0.25") are
     * joined without another "+".
     */
    static void lines(StringBuilder s, List<String> items) {
        for (int k = 0; k < items.size(); k++) {
            String item = items.get(k);
            boolean signed = item.startsWith("+ ") || item.startsWith("- ");
            if (k % PER_LINE == 0) {
                // "{}" makes a leading + or − binary, spaced as in the line above.
                s.append(k == 0 ? "&= " : "&\\quad {}");
                if (k > 0 && !signed) {
                    s.append("+ ");
                }
            } else {
                s.append(signed ? " " : " + ");
            }
            s.append(item);
            if (k % PER_LINE == PER_LINE - 1 && k < items.size() - 1) {
                s.append(" \\\\\n");
            }
        }
        s.append(" \\\\\n");
    }
}
