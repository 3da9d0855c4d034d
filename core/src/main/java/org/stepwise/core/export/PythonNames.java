// Turns Stepwise node names into Python identifiers for the generated module: one attribute and one local each.
//
// Stepwise allows any non-blank name ("bn-1", "2nd layer", "class"); Python does not. The mapping depends only on
// the names and their order, so exporting the same graph twice yields the same module and the same tensor names.
package org.stepwise.core.export;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class PythonNames {

    /** Python's keywords: none may name an attribute or a variable. */
    private static final Set<String> KEYWORDS = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    /**
     * Names the generated module already uses: nn.Module's own members (assigning a layer to "eval" or "training"
     * would break the module), the imports forward() relies on, its argument, and the attributes the export adds.
     */
    private static final Set<String> TAKEN = Set.of(
            "T_destination", "add_module", "apply", "bfloat16", "buffers", "call_super_init", "children", "compile",
            "cpu", "cuda", "double", "dump_patches", "eval", "extra_repr", "float", "forward", "get_buffer",
            "get_extra_state", "get_parameter", "get_submodule", "half", "ipu", "load_state_dict", "modules",
            "mtia", "named_buffers", "named_children", "named_modules", "named_parameters", "parameters",
            "register_backward_hook", "register_buffer", "register_forward_hook", "register_forward_pre_hook",
            "register_full_backward_hook", "register_full_backward_pre_hook", "register_load_state_dict_post_hook",
            "register_load_state_dict_pre_hook", "register_module", "register_parameter",
            "register_state_dict_post_hook", "register_state_dict_pre_hook", "requires_grad_", "set_extra_state",
            "set_submodule", "share_memory", "state_dict", "to", "to_empty", "train", "training", "type", "xpu",
            "zero_grad",
            "torch", "nn", "F", "json", "os", "struct", "sys", "self", "x",
            "input_norm", "input_shape");

    private PythonNames() {
    }

    /**
     * Maps each name to a distinct identifier: characters other than ASCII letters, digits and '_' become '_'; a
     * name starting with a digit or '_' (private in Python, and nn.Module keeps its internals there) gets "n_" in
     * front; a keyword or a taken name gets '_' behind; a clash with an earlier name gets "_2", "_3", ….
     */
    static Map<String, String> assign(List<String> names) {
        Map<String, String> result = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String name : names) {
            String base = identifier(name);
            String candidate = base;
            for (int k = 2; used.contains(candidate) || TAKEN.contains(candidate); k++) {
                candidate = base + "_" + k;
            }
            used.add(candidate);
            result.put(name, candidate);
        }
        return result;
    }

    /** The identifier for one name, before clashes with other names are resolved. */
    static String identifier(String name) {
        StringBuilder b = new StringBuilder(name.length() + 2);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            b.append(ok ? c : '_');
        }
        if (b.isEmpty() || Character.isDigit(b.charAt(0)) || b.charAt(0) == '_') {
            b.insert(0, "n_");
        }
        String id = b.toString();
        return KEYWORDS.contains(id) || TAKEN.contains(id) ? id + "_" : id;
    }
}
