// Streams a CSV file (header, delimiter and target kind guessed or chosen) into a Dataset, with readable errors.
//
// Class names are sorted (numerically when every label is a number), so a class index does not depend on row order.
// Quoted fields may hold delimiters and "" escapes but not line breaks: such a field is reported as unclosed.
package org.stepwise.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.stepwise.core.tensor.Shape;

public final class CsvImport {
    /** AUTO: text labels, or integers with at most 20 distinct values covering at most half the rows, are classes. */
    public enum TargetKind { AUTO, CLASS, REGRESSION }

    /** What to do with an empty cell or NA, NaN, ?; a missing target is never imputed. */
    public enum MissingValues { REJECT, DROP_ROWS, IMPUTE_MEAN }

    static final int MAX_AUTO_CLASSES = 20;
    private static final int SAMPLE_LINES = 20;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final String MISSING_HINT = "expected a number or a missing value (empty, NA, NaN, ?)";

    /**
     * @param targetName  the target column's header name, or null to use {@code targetIndex}
     * @param targetIndex 0-based target column, or -1 for the last column
     * @param header      true/false to say whether the first row is a header, or null to detect it
     * @param maxBytes    the most float memory the features and targets may take
     */
    public record Options(String targetName, int targetIndex, TargetKind targetKind, MissingValues missing,
                          Boolean header, long maxBytes) {
        public static final long DEFAULT_MAX_BYTES = 512L << 20;

        public static Options defaults() {
            return new Options(null, -1, TargetKind.AUTO, MissingValues.REJECT, null, DEFAULT_MAX_BYTES);
        }

        public Options withTarget(String name) {
            return new Options(name, -1, targetKind, missing, header, maxBytes);
        }

        public Options withTargetIndex(int index) {
            return new Options(null, index, targetKind, missing, header, maxBytes);
        }

        public Options withKind(TargetKind kind) {
            return new Options(targetName, targetIndex, kind, missing, header, maxBytes);
        }

        public Options withMissing(MissingValues policy) {
            return new Options(targetName, targetIndex, targetKind, policy, header, maxBytes);
        }

        public Options withHeader(boolean present) {
            return new Options(targetName, targetIndex, targetKind, missing, present, maxBytes);
        }

        public Options withMaxBytes(long bytes) {
            return new Options(targetName, targetIndex, targetKind, missing, header, bytes);
        }
    }

    /**
     * @param classNames  class index → label, or null for regression
     * @param rowsDropped rows skipped by {@link MissingValues#DROP_ROWS}
     * @param rowsImputed rows with at least one cell filled by {@link MissingValues#IMPUTE_MEAN}
     */
    public record Result(Dataset dataset, List<String> featureNames, String targetName, List<String> classNames,
                         int rowsDropped, int rowsImputed) {
    }

    private CsvImport() {
    }

    public static Result read(Path file) throws IOException {
        return read(file, Options.defaults());
    }

    public static Result read(Path file, Options options) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file, Files.size(file), options);
        }
    }

    /**
     * Reads CSV text from a stream that is not a plain file (a bundled resource, a decompressed .csv.gz); messages
     * and the dataset name use {@code source}. The caller closes {@code in}.
     *
     * @param sizeHint the text's size in bytes for the early memory estimate, or 0 when unknown: the limit is then
     *                 enforced as rows arrive
     */
    public static Result read(InputStream in, Path source, long sizeHint, Options options) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        return read(source, sizeHint, new LineReader(reader, source), options);
    }

    private static Result read(Path file, long fileBytes, LineReader lines, Options options) throws IOException {
        List<String> sample = new ArrayList<>();
        List<Integer> sampleLineNumbers = new ArrayList<>();
        String text;
        while (sample.size() < SAMPLE_LINES && (text = lines.next()) != null) {
            if (!text.isBlank()) {
                sample.add(text);
                sampleLineNumbers.add(lines.lineNumber());
            }
        }
        if (sample.isEmpty()) {
            throw new DataFormatException(file, "the file is empty",
                    "expected rows of values separated by commas, semicolons or tabs");
        }
        char delimiter = CsvFields.detectDelimiter(sample);
        List<List<String>> sampleCells = new ArrayList<>();
        CsvFields fields = new CsvFields();
        for (int i = 0; i < sample.size(); i++) {
            fields.split(sample.get(i), delimiter, file, sampleLineNumbers.get(i));
            sampleCells.add(fields.cells());
        }
        int width = sampleCells.get(0).size();
        if (width < 2) {
            throw new DataFormatException(file, sampleLineNumbers.get(0), 0, "the row has a single field",
                    "expected feature columns and a target column separated by commas, semicolons or tabs");
        }
        boolean header = options.header() != null ? options.header() : looksLikeHeader(sampleCells, delimiter);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            String name = header ? sampleCells.get(0).get(j) : "";
            names.add(name.isEmpty() ? "x" + j : name);
        }
        int target = targetColumn(file, names, options);

        // Scale the sample's share of the file to the whole, so a huge file is refused before it is read.
        long estimatedRows = (long) Math.ceil((double) sample.size() * fileBytes / Math.max(1, lines.charsRead()));
        long estimatedBytes = estimatedRows * width * Float.BYTES;
        if (estimatedBytes > options.maxBytes()) {
            throw new DataFormatException(file, "about " + estimatedRows + " rows × " + width + " columns need about "
                    + DataFormatException.describeBytes(estimatedBytes) + " of floats", "expected at most "
                    + DataFormatException.describeBytes(options.maxBytes())
                    + "; raise CsvImport.Options.maxBytes to load it");
        }

        Table table = new Table(file, names, target, delimiter, options, (int) Math.min(estimatedRows, 1 << 20));
        for (int i = header ? 1 : 0; i < sample.size(); i++) {
            fields.split(sample.get(i), delimiter, file, sampleLineNumbers.get(i));
            table.add(fields, sampleLineNumbers.get(i));
        }
        while ((text = lines.next()) != null) {
            if (!text.isBlank()) {
                fields.split(text, delimiter, file, lines.lineNumber());
                table.add(fields, lines.lineNumber());
            }
        }
        return table.finish(header, lines.lineNumber());
    }

    /** A header is a first row with text in a column whose later sampled cells are numbers. */
    private static boolean looksLikeHeader(List<List<String>> rows, char delimiter) {
        List<String> first = rows.get(0);
        if (rows.size() == 1) {
            return first.stream().noneMatch(c -> isMissing(c) || isNumber(c, delimiter));
        }
        for (int j = 0; j < first.size(); j++) {
            if (isMissing(first.get(j)) || isNumber(first.get(j), delimiter)) {
                continue;
            }
            boolean numbersBelow = true;
            boolean anyNumber = false;
            for (List<String> row : rows.subList(1, rows.size())) {
                if (j >= row.size() || isMissing(row.get(j))) {
                    continue;
                }
                boolean number = isNumber(row.get(j), delimiter);
                numbersBelow &= number;
                anyNumber |= number;
            }
            if (numbersBelow && anyNumber) {
                return true;
            }
        }
        return false;
    }

    private static int targetColumn(Path file, List<String> names, Options options) {
        if (options.targetName() != null) {
            int index = names.indexOf(options.targetName());
            if (index < 0) {
                throw new DataFormatException(file, "there is no column named '" + options.targetName() + "'",
                        "expected one of " + String.join(", ", names));
            }
            return index;
        }
        int index = options.targetIndex() < 0 ? names.size() - 1 : options.targetIndex();
        if (index >= names.size()) {
            throw new DataFormatException(file, "target column index " + index + " is past the last column "
                    + (names.size() - 1), "expected an index from 0 to " + (names.size() - 1) + " among "
                    + String.join(", ", names));
        }
        return index;
    }

    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equals("?") || cell.equalsIgnoreCase("NA") || cell.equalsIgnoreCase("NaN");
    }

    static boolean isNumber(String cell, char delimiter) {
        return !Double.isNaN(parseNumber(cell, delimiter));
    }

    /** The cell's value, or NaN unless it is a plain finite decimal (a decimal comma counts when ',' is free). */
    static double parseNumber(String cell, char delimiter) {
        String s = cell.trim();
        if (delimiter != ',' && s.indexOf(',') >= 0 && s.indexOf('.') < 0) {
            s = s.replace(',', '.');
        }
        if (!NUMBER.matcher(s).matches()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(s);
        return Float.isInfinite((float) v) ? Double.NaN : v;
    }


    /** The rows read so far: features row-major, targets both as numbers and as label ids until ruled out. */
    private static final class Table {
        private final Path file;
        private final List<String> names;
        private final int target;
        private final char delimiter;
        private final Options options;
        private final int features;
        private final long maxRows;
        private final float[] row;
        private final double[] sums;
        private final long[] counts;
        private float[] x;
        private float[] numbers;
        private int[] ids;
        private Map<String, Integer> labels = new LinkedHashMap<>();
        private boolean allNumeric = true;
        private boolean allIntegers = true;
        private int rows;
        private int dropped;
        private int imputed;

        Table(Path file, List<String> names, int target, char delimiter, Options options, int initialRows) {
            this.file = file;
            this.names = names;
            this.target = target;
            this.delimiter = delimiter;
            this.options = options;
            this.features = names.size() - 1;
            this.maxRows = options.maxBytes() / ((long) names.size() * Float.BYTES);
            int capacity = (int) Math.max(16, Math.min(initialRows, maxRows));
            this.row = new float[features];
            this.sums = new double[features];
            this.counts = new long[features];
            this.x = new float[capacity * features];
            this.numbers = new float[capacity];
            this.ids = new int[capacity];
            if (options.targetKind() == TargetKind.REGRESSION) {
                labels = null;
            }
        }

        void add(CsvFields cells, int line) {
            if (cells.size() != names.size()) {
                throw new DataFormatException(file, line, 0, "line " + line + " has " + cells.size() + " fields",
                        "expected " + names.size() + " like the first row");
            }
            boolean missing = false;
            for (int j = 0, k = 0; j < cells.size(); j++) {
                if (j == target) {
                    continue;
                }
                String cell = cells.get(j);
                if (isMissing(cell)) {
                    if (options.missing() == MissingValues.REJECT) {
                        throw new DataFormatException(file, line, cells.column(j), "column '" + names.get(j)
                                + "' has a missing value", "expected a number, or MissingValues.DROP_ROWS or"
                                + " IMPUTE_MEAN");
                    }
                    missing = true;
                    row[k++] = Float.NaN;
                    continue;
                }
                double v = parseNumber(cell, delimiter);
                if (Double.isNaN(v)) {
                    throw new DataFormatException(file, line, cells.column(j), "'" + cell + "' in column '"
                            + names.get(j) + "' is not a number", MISSING_HINT);
                }
                row[k++] = (float) v;
            }
            String label = cells.get(target);
            if (isMissing(label)) {
                if (options.missing() != MissingValues.DROP_ROWS) {
                    throw new DataFormatException(file, line, cells.column(target), "the target column '"
                            + names.get(target) + "' has a missing value", "expected a value, or"
                            + " MissingValues.DROP_ROWS to skip such rows (targets are never imputed)");
                }
                dropped++;
                return;
            }
            if (missing && options.missing() == MissingValues.DROP_ROWS) {
                dropped++;
                return;
            }
            if (rows == maxRows) {
                throw new DataFormatException(file, line, 0, "the data grows past "
                        + DataFormatException.describeBytes(options.maxBytes()) + " of floats here",
                        "expected a smaller file, or a larger CsvImport.Options.maxBytes");
            }
            if (rows == numbers.length) {
                int capacity = (int) Math.min(maxRows, 2L * rows);
                x = Arrays.copyOf(x, capacity * features);
                numbers = Arrays.copyOf(numbers, capacity);
                ids = Arrays.copyOf(ids, capacity);
            }
            System.arraycopy(row, 0, x, rows * features, features);
            if (missing) {
                imputed++;
            }
            for (int k = 0; k < features; k++) {
                if (!Float.isNaN(row[k])) {
                    sums[k] += row[k];
                    counts[k]++;
                }
            }
            addTarget(label, line, cells.column(target));
            rows++;
        }

        private void addTarget(String label, int line, int column) {
            double v = parseNumber(label, delimiter);
            String key = label;
            if (Double.isNaN(v)) {
                allNumeric = false;
                allIntegers = false;
                if (labels == null) {
                    String why = options.targetKind() == TargetKind.REGRESSION ? "a regression target"
                            : "a target column whose earlier values are more than " + MAX_AUTO_CLASSES
                            + " distinct numbers (choose TargetKind.CLASS for labels)";
                    throw new DataFormatException(file, line, column, "the target '" + label + "' in column '"
                            + names.get(target) + "' is not a number", "expected a number for " + why);
                }
            } else {
                numbers[rows] = (float) v;
                if (v == Math.rint(v) && Math.abs(v) < 1e9) {
                    key = Long.toString((long) v);
                } else {
                    allIntegers = false;
                }
            }
            if (labels != null) {
                Map<String, Integer> known = labels;
                ids[rows] = known.computeIfAbsent(key, k -> known.size());
                if (options.targetKind() == TargetKind.AUTO && allNumeric && labels.size() > MAX_AUTO_CLASSES) {
                    labels = null;
                }
            }
        }

        Result finish(boolean header, int lastLine) {
            if (rows == 0) {
                if (dropped > 0) {
                    throw new DataFormatException(file, "all " + dropped + " data rows have missing values and were"
                            + " dropped", "expected at least one complete row");
                }
                throw new DataFormatException(file, lastLine, 0, "there are no data rows"
                        + (header ? " after the header" : ""), "expected at least one row of values");
            }
            float[] features = Arrays.copyOf(x, rows * this.features);
            impute(features);
            List<String> featureNames = new ArrayList<>(names);
            featureNames.remove(target);
            String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            Shape shape = Shape.of(this.features);
            boolean classes = switch (options.targetKind()) {
                case CLASS -> true;
                case REGRESSION -> false;
                case AUTO -> !allNumeric || (allIntegers && labels != null && labels.size() <= MAX_AUTO_CLASSES
                        && labels.size() <= rows / 2.0);
            };
            if (!classes) {
                Dataset data = Dataset.regression(name, shape, features, Arrays.copyOf(numbers, rows), rows);
                return new Result(data, List.copyOf(featureNames), names.get(target), null, dropped, imputed);
            }
            List<String> classNames = new ArrayList<>(labels.keySet());
            if (classNames.size() < 2) {
                throw new DataFormatException(file, "the target column '" + names.get(target)
                        + "' holds the single class '" + classNames.get(0) + "'",
                        "expected at least two classes to tell apart");
            }
            classNames.sort(allNumeric ? Comparator.comparingDouble(k -> parseNumber(k, delimiter))
                    : Comparator.naturalOrder());
            int[] rank = new int[classNames.size()];
            for (int c = 0; c < rank.length; c++) {
                rank[labels.get(classNames.get(c))] = c;
            }
            int[] classOf = new int[rows];
            for (int i = 0; i < rows; i++) {
                classOf[i] = rank[ids[i]];
            }
            Dataset data = Dataset.classification(name, shape, features, classOf, classNames.size());
            return new Result(data, List.copyOf(featureNames), names.get(target), List.copyOf(classNames),
                    dropped, imputed);
        }

        private void impute(float[] features) {
            if (imputed == 0) {
                return;
            }
            for (int k = 0; k < this.features; k++) {
                float mean = counts[k] == 0 ? Float.NaN : (float) (sums[k] / counts[k]);
                for (int i = k; i < features.length; i += this.features) {
                    if (Float.isNaN(features[i])) {
                        if (counts[k] == 0) {
                            String column = names.get(k < target ? k : k + 1);
                            throw new DataFormatException(file, "column '" + column + "' has no values to average",
                                    "expected at least one number in it to impute the missing ones");
                        }
                        features[i] = mean;
                    }
                }
            }
        }
    }
}
