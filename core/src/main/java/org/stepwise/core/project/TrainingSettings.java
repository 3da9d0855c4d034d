// How a project trains: everything besides the graph and the data that decides the numbers a run produces.
//
// Settings maps hold plain JSON values (numbers, strings, booleans, nested maps), as Optimizers and Schedules take
// them, so they are saved and read without any data binding.
package org.stepwise.core.project;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepwise.core.optim.Optimizers;
import org.stepwise.core.optim.Schedules;
import org.stepwise.core.train.Losses;

/**
 * @param loss               a loss id (see {@link Losses}), or "auto": binary cross-entropy for two classes and one
 *                           output unit, softmax cross-entropy for other classes, MSE else
 * @param optimizer          an id of {@link Optimizers#IDS}
 * @param optimizerSettings  the optimizer's own settings (betas, momentum, weight_decay, …); may be empty
 * @param learningRate       the base learning rate
 * @param schedule           an id of {@link Schedules#IDS}
 * @param scheduleSettings   the schedule's settings
 * @param batchSize          samples per batch
 * @param l1                 L1 penalty on weights, 0 for none
 * @param l2                 L2 penalty on weights, 0 for none
 * @param clipNorm           global gradient-norm limit, 0 for none
 * @param seed               seeds the weights, the batch order, dropout and generated datasets
 * @param splitSeed          seeds the train/validation/test split
 * @param validationFraction share of the data held out for validation
 * @param testFraction       share held out for a final test
 * @param normalization      "auto" (standardize tables, leave images), "standardize", "minmax" or "none"
 * @param epochs             how many epochs Train runs
 */
public record TrainingSettings(String loss, String optimizer, Map<String, Object> optimizerSettings,
                               float learningRate, String schedule, Map<String, Object> scheduleSettings,
                               int batchSize, float l1, float l2, float clipNorm, long seed, long splitSeed,
                               double validationFraction, double testFraction, String normalization, int epochs) {

    public static final List<String> NORMALIZATIONS = List.of("auto", "standardize", "minmax", "none");

    public TrainingSettings {
        optimizerSettings = Map.copyOf(optimizerSettings == null ? Map.of() : optimizerSettings);
        scheduleSettings = Map.copyOf(scheduleSettings == null ? Map.of() : scheduleSettings);
    }

    /** Adam at 0.01, batches of 32, a 20% validation split, standardized tables, seed 1, 20 epochs. */
    public static TrainingSettings defaults() {
        return new TrainingSettings("auto", "adam", Map.of(), 0.01f, "constant", Map.of(), 32, 0f, 0f, 0f, 1L, 1L,
                0.2, 0.0, "auto", 20);
    }

    /** Every problem with these settings, one sentence each; empty when they can train. */
    public List<String> problems() {
        List<String> problems = new java.util.ArrayList<>();
        if (!loss.equals("auto")) {
            try {
                Losses.parse(loss);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!Optimizers.IDS.contains(optimizer)) {
            problems.add("Unknown optimizer '" + optimizer + "'; use one of " + String.join(", ", Optimizers.IDS));
        }
        if (!Schedules.IDS.contains(schedule)) {
            problems.add("Unknown schedule '" + schedule + "'; use one of " + String.join(", ", Schedules.IDS));
        }
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            problems.add("The learning rate must be a positive number, not " + learningRate);
        }
        if (batchSize < 1) {
            problems.add("The batch size must be at least 1, not " + batchSize);
        }
        if (!(l1 >= 0) || !(l2 >= 0) || Float.isInfinite(l1) || Float.isInfinite(l2)) {
            problems.add("L1 and L2 must be finite numbers ≥ 0, not " + l1 + " and " + l2);
        }
        if (!(clipNorm >= 0) || Float.isInfinite(clipNorm)) {
            problems.add("The gradient clipping norm must be a finite number ≥ 0 (0 for none), not " + clipNorm);
        }
        if (!(validationFraction >= 0) || !(testFraction >= 0) || validationFraction + testFraction >= 1) {
            problems.add("The validation and test fractions must be ≥ 0 and leave data to train on, not "
                    + validationFraction + " and " + testFraction);
        }
        if (!NORMALIZATIONS.contains(normalization)) {
            problems.add("Unknown normalization '" + normalization + "'; use one of "
                    + String.join(", ", NORMALIZATIONS));
        }
        if (epochs < 1) {
            problems.add("Epochs must be at least 1, not " + epochs);
        }
        return problems;
    }

    public TrainingSettings withOptimizer(String id, Map<String, Object> settings) {
        return new TrainingSettings(loss, id, settings, learningRate, schedule, scheduleSettings, batchSize, l1, l2,
                clipNorm, seed, splitSeed, validationFraction, testFraction, normalization, epochs);
    }

    public TrainingSettings withLearningRate(float rate) {
        return new TrainingSettings(loss, optimizer, optimizerSettings, rate, schedule, scheduleSettings, batchSize,
                l1, l2, clipNorm, seed, splitSeed, validationFraction, testFraction, normalization, epochs);
    }

    public TrainingSettings withBatchSize(int size) {
        return new TrainingSettings(loss, optimizer, optimizerSettings, learningRate, schedule, scheduleSettings,
                size, l1, l2, clipNorm, seed, splitSeed, validationFraction, testFraction, normalization, epochs);
    }

    public TrainingSettings withSeeds(long weightsAndBatches, long split) {
        return new TrainingSettings(loss, optimizer, optimizerSettings, learningRate, schedule, scheduleSettings,
                batchSize, l1, l2, clipNorm, weightsAndBatches, split, validationFraction, testFraction,
                normalization, epochs);
    }

    public TrainingSettings withSplit(double validation, double test) {
        return new TrainingSettings(loss, optimizer, optimizerSettings, learningRate, schedule, scheduleSettings,
                batchSize, l1, l2, clipNorm, seed, splitSeed, validation, test, normalization, epochs);
    }

    public TrainingSettings withNormalization(String kind) {
        return new TrainingSettings(loss, optimizer, optimizerSettings, learningRate, schedule, scheduleSettings,
                batchSize, l1, l2, clipNorm, seed, splitSeed, validationFraction, testFraction, kind, epochs);
    }

    public TrainingSettings withLoss(String id) {
        return new TrainingSettings(id, optimizer, optimizerSettings, learningRate, schedule, scheduleSettings,
                batchSize, l1, l2, clipNorm, seed, splitSeed, validationFraction, testFraction, normalization, epochs);
    }

    public TrainingSettings withEpochs(int count) {
        return new TrainingSettings(loss, optimizer, optimizerSettings, learningRate, schedule, scheduleSettings,
                batchSize, l1, l2, clipNorm, seed, splitSeed, validationFraction, testFraction, normalization, count);
    }

    public TrainingSettings withRegularization(float l1Penalty, float l2Penalty, float clip) {
        return new TrainingSettings(loss, optimizer, optimizerSettings, learningRate, schedule, scheduleSettings,
                batchSize, l1Penalty, l2Penalty, clip, seed, splitSeed, validationFraction, testFraction,
                normalization, epochs);
    }

    /** Copies into a mutable map, for building settings from JSON. */
    static Map<String, Object> mutable(Map<String, Object> settings) {
        return new LinkedHashMap<>(settings);
    }
}
