// Checks that CsvImport reads well-formed CSV variants: header guessing, delimiters, quotes, targets, missing values.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.data.CsvImport.MissingValues;
import org.stepwise.core.data.CsvImport.Options;
import org.stepwise.core.data.CsvImport.TargetKind;
import org.stepwise.core.tensor.Shape;

class CsvImportTest {
    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void headerAndStringLabelsGiveSortedClassNames() throws IOException {
        var r = CsvImport.read(write("a,b,species\n1,2,virginica\n3,4,setosa\n5,6,virginica\n7,8,setosa\n"));
        assertEquals(List.of("a", "b"), r.featureNames());
        assertEquals("species", r.targetName());
        assertEquals(List.of("setosa", "virginica"), r.classNames());
        assertArrayEquals(new int[] {1, 0, 1, 0}, r.dataset().labels());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, r.dataset().x());
        assertEquals(Shape.of(2), r.dataset().featureShape());
        assertEquals(2, r.dataset().classes());
        assertEquals("data", r.dataset().name());
    }

    @Test
    void fileWithoutHeaderNamesColumnsByIndex() throws IOException {
        var r = CsvImport.read(write("1,2,0\n3,4,1\n5,6,0\n7,8,1\n"));
        assertEquals(List.of("x0", "x1"), r.featureNames());
        assertEquals("x2", r.targetName());
        assertEquals(List.of("0", "1"), r.classNames());
        assertArrayEquals(new int[] {0, 1, 0, 1}, r.dataset().labels());
        assertEquals(4, r.dataset().n());
    }

    @Test
    void headerCanBeForcedWhenItLooksNumeric() throws IOException {
        var r = CsvImport.read(write("10,20,30\n1,2,a\n3,4,b\n"), Options.defaults().withHeader(true));
        assertEquals(List.of("10", "20"), r.featureNames());
        assertEquals("30", r.targetName());
        assertArrayEquals(new float[] {1, 2, 3, 4}, r.dataset().x());
    }

    @Test
    void semicolonDelimiterAcceptsDecimalCommas() throws IOException {
        var r = CsvImport.read(write("a;b;y\n1,5;2;0\n3;4,25;1\n"));
        assertEquals(List.of("a", "b"), r.featureNames());
        assertArrayEquals(new float[] {1.5f, 2, 3, 4.25f}, r.dataset().x());
    }

    @Test
    void tabDelimiterIsDetected() throws IOException {
        var r = CsvImport.read(write("a\tb\ty\n1\t2\tcat\n3\t4\tdog\n"));
        assertEquals(List.of("a", "b"), r.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, r.dataset().x());
        assertEquals(List.of("cat", "dog"), r.classNames());
    }

    @Test
    void quotedFieldsKeepDelimitersAndEscapedQuotes() throws IOException {
        var r = CsvImport.read(write("x,label\n\"1\",\"red, dark\"\n2,\"say \"\"hi\"\"\"\n3, \"red, dark\" \n"));
        assertEquals(List.of("red, dark", "say \"hi\""), r.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, r.dataset().labels());
        assertArrayEquals(new float[] {1, 2, 3}, r.dataset().x());
    }

    @Test
    void byteOrderMarkAndCrlfAreIgnored() throws IOException {
        var r = CsvImport.read(write("\uFEFFa,b,y\r\n1,2,no\r\n3,4,yes\r\n\r\n"));
        assertEquals(List.of("a", "b"), r.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, r.dataset().x());
        assertEquals(List.of("no", "yes"), r.classNames());
    }

    @Test
    void targetChosenByNameOrIndex() throws IOException {
        Path file = write("y,a,b\nno,1,2\nyes,3,4\n");
        var byName = CsvImport.read(file, Options.defaults().withTarget("y"));
        var byIndex = CsvImport.read(file, Options.defaults().withTargetIndex(0));
        for (var r : List.of(byName, byIndex)) {
            assertEquals(List.of("a", "b"), r.featureNames());
            assertArrayEquals(new float[] {1, 2, 3, 4}, r.dataset().x());
            assertEquals(List.of("no", "yes"), r.classNames());
        }
    }

    @Test
    void integerLabelsSortNumerically() throws IOException {
        var r = CsvImport.read(write("a,y\n1,10\n2,2\n3,1\n4,10.0\n5,2\n6,1\n"));
        assertEquals(List.of("1", "2", "10"), r.classNames());
        assertArrayEquals(new int[] {2, 1, 0, 2, 1, 0}, r.dataset().labels());
    }

    @Test
    void fractionalTargetsGiveRegression() throws IOException {
        var r = CsvImport.read(write("a,y\n1,0.5\n2,1.5\n3,2.25\n"));
        assertFalse(r.dataset().isClassification());
        assertNull(r.classNames());
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.25f}, r.dataset().y());
        assertEquals(1, r.dataset().outputs());
    }

    @Test
    void integersWithDistinctValuesOnMoreThanHalfTheRowsGiveRegression() throws IOException {
        var r = CsvImport.read(write("a,y\n1,3\n2,5\n3,7\n4,5\n"));
        assertFalse(r.dataset().isClassification());
        assertArrayEquals(new float[] {3, 5, 7, 5}, r.dataset().y());
    }

    @Test
    void integersWithMoreThanTwentyValuesGiveRegression() throws IOException {
        StringBuilder csv = new StringBuilder("a,y\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(',').append(i % 21).append('\n');
        }
        assertFalse(CsvImport.read(write(csv.toString())).dataset().isClassification());
    }

    @Test
    void targetKindOverridesTheGuess() throws IOException {
        Path file = write("a,y\n1,3\n2,5\n3,7\n");
        var classes = CsvImport.read(file, Options.defaults().withKind(TargetKind.CLASS));
        assertEquals(List.of("3", "5", "7"), classes.classNames());
        Path binary = write("a,y\n1,0\n2,1\n3,0\n4,1\n");
        var regression = CsvImport.read(binary, Options.defaults().withKind(TargetKind.REGRESSION));
        assertArrayEquals(new float[] {0, 1, 0, 1}, regression.dataset().y());
    }

    @Test
    void dropRowsSkipsRowsWithAnyMissingValue() throws IOException {
        var r = CsvImport.read(write("a,b,y\n1,NA,n\n3,4,y\n?,6,n\n7,8,\n9,10,n\n"),
                Options.defaults().withMissing(MissingValues.DROP_ROWS));
        assertEquals(3, r.rowsDropped());
        assertEquals(0, r.rowsImputed());
        assertArrayEquals(new float[] {3, 4, 9, 10}, r.dataset().x());
        assertArrayEquals(new int[] {1, 0}, r.dataset().labels());
    }

    @Test
    void imputeMeanFillsMissingFeaturesWithTheColumnMean() throws IOException {
        var r = CsvImport.read(write("a,b,y\n1,?,0\n3,4,1\nNaN,8,0\n5,,1\n"),
                Options.defaults().withMissing(MissingValues.IMPUTE_MEAN));
        assertEquals(3, r.rowsImputed());
        assertEquals(0, r.rowsDropped());
        assertArrayEquals(new float[] {1, 6, 3, 4, 3, 8, 5, 6}, r.dataset().x(), 1e-6f);
        assertTrue(r.dataset().isClassification());
    }
}
