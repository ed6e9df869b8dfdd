package latentatlas.evaluation;

import latentatlas.charts.ChartArchitecture;
import latentatlas.dataset.Dataset;

/**
 * What a chart is made of: the dataset view its network reads (pixels, or the cached vectors of a
 * frozen encoder) and the trainable architecture on top.
 *
 * @param name how results name it, e.g. {@code small-cnn} or {@code minilm+mlp-head}
 * @param data the dataset as the chart sees it (same ids, labels and splits as the experiment's)
 * @param architecture the architecture, fitted per task
 */
public record ChartKind(String name, Dataset data, ChartArchitecture.Factory architecture) {
}
