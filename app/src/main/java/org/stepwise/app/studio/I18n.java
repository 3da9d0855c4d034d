// The studio's texts in the current language. Every visible string comes from a resource bundle under
// org/stepwise/app/studio/i18n/, one bundle per part of the UI, each complete in English and Simplified Chinese.
//
// Bundles are UTF-8 properties files read by ResourceBundle; messages use MessageFormat ({0}, {1}). A missing key
// shows as ‹key› instead of failing, and I18nTest makes sure none is missing in either language.
package org.stepwise.app.studio;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.stepwise.app.editor.Text;

public final class I18n {
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, CHINESE);
    /** One bundle per part of the UI, so each part's texts live next to each other. */
    public static final List<String> BUNDLES = List.of("studio", "editor", "canvas", "inspector", "palette",
            "neurons", "detail", "playground", "math", "diagnostics", "charts", "evaluation", "workflows", "lessons",
            "figures");
    static final String BASE = "org.stepwise.app.studio.i18n.";

    private final Locale locale;
    private final List<ResourceBundle> bundles = new ArrayList<>();
    /** Each key's pattern, or empty for a key no bundle has; filled as keys are asked for. */
    private final Map<String, Optional<String>> patterns = new ConcurrentHashMap<>();
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

    public I18n(Locale locale) {
        this.locale = supported(locale);
        for (String name : BUNDLES) {
            bundles.add(ResourceBundle.getBundle(BASE + name, this.locale, ResourceBundle.Control
                    .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
    }

    /** Chinese for any Chinese locale, English otherwise. */
    public static Locale supported(Locale requested) {
        return requested != null && requested.getLanguage().equals("zh") ? CHINESE : Locale.ENGLISH;
    }

    /** "en" or "zh-CN", as --lang takes it; null when unknown. */
    public static Locale parse(String tag) {
        return switch (tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "en", "en-us", "en-gb", "english" -> Locale.ENGLISH;
            case "zh", "zh-cn", "zh-hans", "chinese" -> CHINESE;
            default -> null;
        };
    }

    public Locale locale() {
        return locale;
    }

    public boolean isChinese() {
        return locale.equals(CHINESE);
    }

    /** The text of {@code key} with its {0}, {1}… filled in. */
    public String text(String key, Object... args) {
        Optional<String> pattern = patterns.computeIfAbsent(key, this::find);
        if (pattern.isEmpty()) {
            return "‹" + key + "›";
        }
        if (args.length == 0) {
            return pattern.get();
        }
        // A MessageFormat parses its pattern and makes number formats when it is made, which is most of what a
        // text costs; the canvas asks for hundreds a second while a graph is edited. One per key is kept, and
        // since a MessageFormat is not safe to share, a call holds it while it formats.
        MessageFormat format = formats.computeIfAbsent(key, k -> new MessageFormat(pattern.get(), locale));
        synchronized (format) {
            return format.format(args);
        }
    }

    private Optional<String> find(String key) {
        for (ResourceBundle b : bundles) {
            if (b.containsKey(key)) {
                return Optional.of(b.getString(key));
            }
        }
        return Optional.empty();
    }

    /**
     * A dataset's class name in the UI's language when the bundles know it (Fashion-MNIST's garments, iris species),
     * else as the data spells it. The key is "class." and the name in lower case with every run of other characters
     * as one underscore: "T-shirt/top" -> class.t_shirt_top.
     */
    public String classLabel(String name) {
        if (name == null) {
            return null;
        }
        String key = "class." + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        for (ResourceBundle b : bundles) {
            if (b.containsKey(key)) {
                return b.getString(key);
            }
        }
        return name;
    }

    /** The text, with arguments that are Texts themselves (a setting's label, say) rendered first. */
    public String text(Text t) {
        if (t == null) {
            return "";
        }
        Object[] args = t.args().stream().map(a -> a instanceof Text nested ? text(nested) : a).toArray();
        return text(t.key(), args);
    }

    /** True when some bundle has the key, for optional texts such as per-type descriptions. */
    public boolean has(String key) {
        return patterns.computeIfAbsent(key, this::find).isPresent();
    }

    static ResourceBundle bundle(String name, Locale locale) {
        try {
            return ResourceBundle.getBundle(BASE + name, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
