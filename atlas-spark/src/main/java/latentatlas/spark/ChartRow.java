package latentatlas.spark;

import java.io.Serializable;

/**
 * One row of a chart table as a Java bean, for Spark's bean encoder (which decodes
 * {@code array<float>} straight into a {@code float[]}, without boxing).
 */
public final class ChartRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private String chart;
    private long id;
    private float[] vector;

    /** @return the chart name */
    public String getChart() {
        return chart;
    }

    /** @param chart the chart name */
    public void setChart(String chart) {
        this.chart = chart;
    }

    /** @return the sample id */
    public long getId() {
        return id;
    }

    /** @param id the sample id */
    public void setId(long id) {
        this.id = id;
    }

    /** @return the absolute vector */
    public float[] getVector() {
        return vector;
    }

    /** @param vector the absolute vector */
    public void setVector(float[] vector) {
        this.vector = vector;
    }
}
