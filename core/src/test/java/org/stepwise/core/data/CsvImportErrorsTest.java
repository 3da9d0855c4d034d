// Checks that CsvImport rejects bad files with messages that say where ("FILE:LINE:COLUMN") and what was expected.
package org.stepwise.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepwise.core.data.CsvImport.MissingValues;
import org.stepwise.core.data.CsvImport.Options;
import org.stepwise.core.data.CsvImport.TargetKind;

class CsvImportErrorsTest {
    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void name() {
        file = dir.resolve("bad.csv");
    }

    private String error(String content, Options options) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return assertThrows(DataFormatException.class, () -> CsvImport.read(file, options)).getMessage();
    }

    private String error(String content) throws IOException {
        return error(content, Options.defaults());
    }

    @Test
    void raggedRowNamesItsLineAndFieldCounts() throws IOException {
        assertEquals(file + ":3: line 3 has 2 fields; expected 3 like the first row",
                error("a,b,y\n1,2,0\n3,4\n5,6,1\n"));
    }

    @Test
    void textInAFeatureColumnNamesLineColumnAndName() throws IOException {
        assertEquals(file + ":3:3: 'abc' in column 'b' is not a number; expected a number or a missing value"
                + " (empty, NA, NaN, ?)", error("a,b,y\n1,2,0\n3,abc,1\n"));
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        String expected = file + ": the file is empty; expected rows of values separated by commas, semicolons or tabs";
        assertEquals(expected, error(""));
        assertEquals(expected, error("\uFEFF\n  \n"));
    }

    @Test
    void headerWithoutDataRowsIsRejected() throws IOException {
        assertEquals(file + ":1: there are no data rows after the header; expected at least one row of values",
                error("a,b,y\n"));
    }

    @Test
    void singleColumnIsRejected() throws IOException {
        assertEquals(file + ":1: the row has a single field; expected feature columns and a target column"
                + " separated by commas, semicolons or tabs", error("1\n2\n"));
    }

    @Test
    void unknownTargetNameListsTheColumns() throws IOException {
        assertEquals(file + ": there is no column named 'label'; expected one of a, b, y",
                error("a,b,y\n1,2,0\n3,4,1\n", Options.defaults().withTarget("label")));
    }

    @Test
    void targetIndexPastTheLastColumnIsRejected() throws IOException {
        assertEquals(file + ": target column index 3 is past the last column 2; expected an index from 0 to 2"
                + " among a, b, y", error("a,b,y\n1,2,0\n3,4,1\n", Options.defaults().withTargetIndex(3)));
    }

    @Test
    void singleClassIsRejected() throws IOException {
        assertEquals(file + ": the target column 'y' holds the single class 'cat'; expected at least two classes"
                + " to tell apart", error("a,y\n1,cat\n2,cat\n"));
    }

    @Test
    void missingValueIsRejectedWithItsPosition() throws IOException {
        assertEquals(file + ":3:3: column 'b' has a missing value; expected a number, or MissingValues.DROP_ROWS or"
                + " IMPUTE_MEAN", error("a,b,y\n1,2,0\n3,NA,1\n"));
    }

    @Test
    void missingTargetIsNeverImputed() throws IOException {
        assertEquals(file + ":2:5: the target column 'y' has a missing value; expected a value, or"
                + " MissingValues.DROP_ROWS to skip such rows (targets are never imputed)",
                error("a,b,y\n1,2,\n3,4,1\n", Options.defaults().withMissing(MissingValues.IMPUTE_MEAN)));
    }

    @Test
    void columnWithoutAnyValueCannotBeImputed() throws IOException {
        assertEquals(file + ": column 'b' has no values to average; expected at least one number in it to impute"
                + " the missing ones",
                error("a,b,y\n1,,0\n3,?,1\n", Options.defaults().withMissing(MissingValues.IMPUTE_MEAN)));
    }

    @Test
    void droppingEveryRowIsRejected() throws IOException {
        assertEquals(file + ": all 2 data rows have missing values and were dropped; expected at least one"
                + " complete row",
                error("a,b,y\n1,,0\n3,?,1\n", Options.defaults().withMissing(MissingValues.DROP_ROWS)));
    }

    @Test
    void textTargetForRegressionIsRejected() throws IOException {
        assertEquals(file + ":3:3: the target 'cat' in column 'y' is not a number; expected a number for a"
                + " regression target",
                error("a,y\n1,0.5\n2,cat\n", Options.defaults().withKind(TargetKind.REGRESSION)));
    }

    @Test
    void unclosedQuoteSaysLineBreaksInQuotesAreUnsupported() throws IOException {
        assertEquals(file + ":2:3: the quoted field is not closed on its line; expected a closing \" (line breaks"
                + " inside quoted fields are not supported)", error("a,y\n1,\"multi\nline\"\n2,b\n"));
    }

    @Test
    void textAfterAClosingQuoteIsRejected() throws IOException {
        assertEquals(file + ":2:7: unexpected text after a closing quote; expected the delimiter ',' or the end of"
                + " the line", error("a,y\n1,\"x\" y\n"));
    }

    @Test
    void textTargetAfterManyDistinctNumbersIsRejected() throws IOException {
        String csv = "a,y\n" + "1,0\n".repeat(30) + "1,1\n1,2\n1,3\n1,4\n1,5\n1,6\n1,7\n1,8\n1,9\n1,10\n1,11\n1,12\n"
                + "1,13\n1,14\n1,15\n1,16\n1,17\n1,18\n1,19\n1,20\n1,cat\n";
        assertEquals(file + ":52:3: the target 'cat' in column 'y' is not a number; expected a number for a target"
                + " column whose earlier values are more than 20 distinct numbers (choose TargetKind.CLASS for labels)",
                error(csv));
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        Files.write(file, new byte[] {'a', ',', 'y', '\n', '1', ',', (byte) 0xFF, '\n'});
        assertEquals(file + ":2:3: the text is not valid UTF-8; expected a UTF-8 (or ASCII) CSV file",
                assertThrows(DataFormatException.class, () -> CsvImport.read(file)).getMessage());
    }

    @Test
    void fileTooLargeIsRefusedBeforeLoadingWithItsSize() throws IOException {
        assertEquals(file + ": about 10 rows × 3 columns need about 120 bytes of floats; expected at most 64 bytes;"
                + " raise CsvImport.Options.maxBytes to load it",
                error("1,2,0\n".repeat(5) + "3,4,1\n".repeat(5), Options.defaults().withMaxBytes(64)));
    }

    @Test
    void dataOutgrowingTheEstimateStopsAtTheLimit() throws IOException {
        // Long first lines make the estimate low, so the streaming check is what stops the read.
        String csv = ("1,2,0" + " ".repeat(100) + "\n").repeat(10) + ("3,4,1" + " ".repeat(100) + "\n").repeat(10)
                + "5,6,1\n".repeat(200);
        assertEquals(file + ":84: the data grows past 1000 bytes of floats here; expected a smaller file, or a larger"
                + " CsvImport.Options.maxBytes", error(csv, Options.defaults().withMaxBytes(1000)));
    }
}
