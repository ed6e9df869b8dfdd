package latentatlas.spark;

import java.io.Serializable;

/** One id of two joined spaces as a Java bean: its vector in space A ({@code x}) and B ({@code y}), its label or null. */
public final class PairRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private long id;
    private float[] x;
    private float[] y;
    private Integer label;

    /** @return the sample id */
    public long getId() {
        return id;
    }

    /** @param id the sample id */
    public void setId(long id) {
        this.id = id;
    }

    /** @return the vector in space A */
    public float[] getX() {
        return x;
    }

    /** @param x the vector in space A */
    public void setX(float[] x) {
        this.x = x;
    }

    /** @return the vector in space B */
    public float[] getY() {
        return y;
    }

    /** @param y the vector in space B */
    public void setY(float[] y) {
        this.y = y;
    }

    /** @return the global class label, or null when neither space is labelled */
    public Integer getLabel() {
        return label;
    }

    /** @param label the global class label, or null */
    public void setLabel(Integer label) {
        this.label = label;
    }
}
