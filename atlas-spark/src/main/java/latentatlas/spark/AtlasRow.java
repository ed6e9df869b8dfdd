package latentatlas.spark;

import java.io.Serializable;

/** One row of the atlas table as a Java bean: the id, its mean relative vector and its coverage. */
public final class AtlasRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private long id;
    private float[] vector;
    private int coverage;

    /** Empty row, for the encoder. */
    public AtlasRow() {
    }

    AtlasRow(long id, float[] vector, int coverage) {
        this.id = id;
        this.vector = vector;
        this.coverage = coverage;
    }

    /** @return the sample id */
    public long getId() {
        return id;
    }

    /** @param id the sample id */
    public void setId(long id) {
        this.id = id;
    }

    /** @return the mean relative vector */
    public float[] getVector() {
        return vector;
    }

    /** @param vector the mean relative vector */
    public void setVector(float[] vector) {
        this.vector = vector;
    }

    /** @return the number of charts that contained the id */
    public int getCoverage() {
        return coverage;
    }

    /** @param coverage the number of charts that contained the id */
    public void setCoverage(int coverage) {
        this.coverage = coverage;
    }
}
