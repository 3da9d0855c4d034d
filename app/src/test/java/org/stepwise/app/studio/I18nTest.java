// Every text exists in both languages, every message pattern is well-formed, and the Chinese bundles are Chinese.
package org.stepwise.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.stepwise.app.editor.Text;

class I18nTest {

    @Test
    void everyBundleHasTheSameKeysInEnglishAndChinese() {
        for (String name : I18n.BUNDLES) {
            ResourceBundle en = I18n.bundle(name, Locale.ENGLISH);
            ResourceBundle zh = I18n.bundle(name, I18n.CHINESE);
            assertNotNull(en, name);
            assertNotNull(zh, name);
            assertEquals(zh.getLocale(), I18n.CHINESE, name + " has no Chinese bundle of its own");
            Set<String> enKeys = new TreeSet<>(en.keySet());
            Set<String> zhKeys = new TreeSet<>(zh.keySet());
            Set<String> onlyEn = new TreeSet<>(enKeys);
            onlyEn.removeAll(zhKeys);
            Set<String> onlyZh = new TreeSet<>(zhKeys);
            onlyZh.removeAll(enKeys);
            assertTrue(onlyEn.isEmpty(), name + ": missing in Chinese: " + onlyEn);
            assertTrue(onlyZh.isEmpty(), name + ": missing in English: " + onlyZh);
            for (String key : enKeys) {
                // Every pattern parses, and both languages take the same arguments.
                int enArgs = new MessageFormat(en.getString(key)).getFormatsByArgumentIndex().length;
                int zhArgs = new MessageFormat(zh.getString(key)).getFormatsByArgumentIndex().length;
                assertEquals(enArgs, zhArgs, name + ": " + key + " takes different arguments");
                // A text without arguments is shown as written, so a doubled quote would show doubled.
                if (enArgs == 0) {
                    assertTrue(!en.getString(key).contains("''") && !zh.getString(key).contains("''"),
                            name + ": " + key + " has '' but no arguments");
                }
                assertTrue(zh.getString(key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                        == Character.UnicodeScript.HAN) || !en.getString(key).matches(".*[a-zA-Z]{3,}.*")
                        || key.endsWith(".untranslated"), name + ": " + key + " is not translated: "
                        + zh.getString(key));
            }
        }
    }

    @Test
    void textsFillInArgumentsAndMissingKeysShowThemselves() {
        I18n en = new I18n(Locale.US);
        I18n zh = new I18n(Locale.CHINA);
        assertEquals(Locale.ENGLISH, en.locale());
        assertTrue(zh.isChinese());
        assertEquals("Delete 'hidden1'", en.text(Text.of("edit.delete.one", "hidden1")));
        assertEquals("删除“hidden1”", zh.text(Text.of("edit.delete.one", "hidden1")));
        assertEquals("‹no.such.key›", en.text("no.such.key"));
        // English counts in words; the status bar sits under the problems list.
        assertEquals("Training is off: the network has 1 problem, listed above", en.text("status.invalid", 1));
        assertEquals("Training is off: the network has 3 problems, listed above", en.text("status.invalid", 3));
        assertEquals("无法训练：网络有 3 个问题，见上方列表", zh.text("status.invalid", 3));
        assertEquals(I18n.CHINESE, I18n.parse("zh-CN"));
        assertEquals(Locale.ENGLISH, I18n.parse("en"));
        assertEquals(null, I18n.parse("fr"));
    }

    @Test
    void bundledClassNamesAreShownInTheUiLanguageAndOthersAsTheDataSpellsThem() {
        I18n zh = new I18n(I18n.CHINESE);
        I18n en = new I18n(Locale.ENGLISH);
        assertEquals("T恤/上衣", zh.classLabel("T-shirt/top"));
        assertEquals("短靴", zh.classLabel("Ankle boot"));
        assertEquals("T-shirt/top", en.classLabel("T-shirt/top"));
        assertEquals("class_0", zh.classLabel("class_0"));
        assertEquals("猫", zh.classLabel("猫"));
    }

    /** Formats are kept per key and shared: each call still gets its own arguments, in its own language. */
    @Test
    void aKeptFormatGivesEachCallItsOwnArgumentsFromAnyThread() throws Exception {
        I18n en = new I18n(Locale.ENGLISH);
        I18n zh = new I18n(I18n.CHINESE);
        assertEquals("no params", en.text("canvas.node.parameters", 0L));
        assertEquals("1 param", en.text("canvas.node.parameters", 1L));
        assertEquals("12,345 params", en.text("canvas.node.parameters", 12_345L));
        assertEquals("无参数", zh.text("canvas.node.parameters", 0L));
        assertEquals("12,345 个参数", zh.text("canvas.node.parameters", 12_345L));
        assertEquals("‹no.such.key›", en.text("no.such.key", 3));

        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 10_000;
                results.add(pool.submit(() -> {
                    for (long n = 2; n < 2_000; n++) {
                        String expected = String.format(Locale.ENGLISH, "%,d params", n + offset);
                        if (!expected.equals(en.text("canvas.node.parameters", n + offset))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
