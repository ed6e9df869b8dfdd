package latentatlas.charts;

import java.util.List;

/**
 * What a training run produced: the network (holding the best validation's weights) and its history.
 *
 * @param network the trained network; its parameters live in the manager given to the trainer
 * @param history one record per epoch run
 * @param bestEpoch the epoch whose weights the network holds
 * @param stopReason why training stopped
 * @param seconds wall time of the whole run
 */
public record TrainingResult(ChartNetwork network, List<EpochRecord> history, int bestEpoch, String stopReason,
                             double seconds) {
}
