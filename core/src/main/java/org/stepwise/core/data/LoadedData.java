// A dataset as DataSources loaded it: the samples, a test split when the source brings one, and readable names.
package org.stepwise.core.data;

import java.util.List;

/**
 * @param test         the source's own test split (IDX folders, fashion-mnist-small), or null: the caller splits
 * @param featureNames one name per feature value (pixels are "px0", "px1", … in sample order)
 * @param classNames   class index → name, or null for regression
 * @param source       where the data came from, for people: "built-in iris (UCI via scikit-learn)", "CSV /a/b.csv"
 */
public record LoadedData(Dataset dataset, Dataset test, List<String> featureNames, List<String> classNames,
                         String source) {
}
