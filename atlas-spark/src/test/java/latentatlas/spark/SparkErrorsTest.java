package latentatlas.spark;

import latentatlas.InvalidInputException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping of {@link SparkErrors} on failures as Spark builds them, without a Spark session (see SparkErrorsJobTest). */
class SparkErrorsTest {
    @Test
    void theInvalidInputOfTheCauseChainComesBackAsItself() {
        InvalidInputException input = new InvalidInputException("rows: id 3 has zero norm");
        RuntimeException failure = new RuntimeException(new SparkException("Job aborted due to stage failure", input));
        assertSame(input, SparkErrors.userMistake(failure).orElseThrow());
    }

    /** What the driver gets when the executor's exception could not be sent: only its text, in the message. */
    @Test
    void anExecutorsMessageIsRebuiltWithoutTheCauseObject() {
        SparkException failure = new SparkException("Job aborted due to stage failure: Task 1 in stage 3.0 failed 1 times,"
                + " most recent failure: Lost task 1.0 in stage 3.0 (TID 7) (10.0.0.2 executor 1):"
                + " latentatlas.InvalidInputException: rows: chart a, id 7 has a vector of width 3\n"
                + "\tat latentatlas.spark.MergePartition.call(MergePartition.java:80)\n");
        InvalidInputException mapped = SparkErrors.userMistake(failure).orElseThrow();
        assertEquals("rows: chart a, id 7 has a vector of width 3", mapped.getMessage());
    }

    @Test
    void aFileThatIsNotParquetIsNamedFromTheQuotedStackTrace() {
        SparkException failure = new SparkException("Job aborted: Lost task 0.0: org.apache.spark.SparkException:"
                + " Exception thrown in awaitResult:\n\tat org.apache.spark.util.SparkThreadUtils$.awaitResult\n"
                + "Caused by: java.lang.RuntimeException: file:/data/junk.parquet is not a Parquet file. Expected magic"
                + " number at tail, but found [1, 2, 3, 4]\n\tat org.apache.parquet.hadoop.ParquetFileReader.readFooter\n");
        InvalidInputException mapped = SparkErrors.userMistake(failure).orElseThrow();
        assertEquals("file:/data/junk.parquet is not a Parquet file. Expected magic number at tail, but found [1, 2, 3, 4]:"
                + " give Parquet files or folders (as 'atlas spark export' or any Parquet writer writes them)", mapped.getMessage());
    }

    @Test
    void otherFailuresAreLeftAsTheyAre() {
        IllegalStateException bug = new IllegalStateException("a bug");
        SparkException aborted = new SparkException("Job aborted", bug);
        assertTrue(SparkErrors.userMistake(aborted).isEmpty());
        assertTrue(SparkErrors.userMistake(new IOException("disk full")).isEmpty());
        assertSame(bug, assertThrows(IllegalStateException.class, () -> SparkErrors.run(() -> {
            throw bug;
        })));
    }
}
