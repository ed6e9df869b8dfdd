package latentatlas.report;

import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.geom.Area;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BarChartTest {
    @Test
    void longGroupNamesAreSlantedWithinThePictureAndDoNotOverlap() {
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        for (String name : new String[] {"end-to-end absolute", "end-to-end relative", "naive concatenation of charts",
            "atlas", "absolute + one-hot task id", "absolute + learned task embedding"}) {
            groups.put(name, Map.of("separability", 1.5));
        }
        BarChart.Layout layout = BarChart.layout("separability", groups, 0);
        assertTrue(layout.slanted());
        Rectangle picture = new Rectangle(0, 0, layout.width(), layout.height());
        for (int k = 0; k < groups.size(); k++) {
            assertTrue(picture.contains(layout.nameBox(k).getBounds()), "name " + k + " inside the picture");
            for (int other = k + 1; other < groups.size(); other++) {
                Area overlap = new Area(layout.nameBox(k));
                overlap.intersect(new Area(layout.nameBox(other)));
                assertTrue(overlap.isEmpty(), "names " + k + " and " + other + " overlap");
            }
        }
        assertEquals(2, layout.hi(), 0, "max 0: the axis is scaled to the data, 1.5 -> 2");
    }

    @Test
    void shortNamesStayHorizontal() {
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        groups.put("atlas", Map.of("total", 0.5, "shared", 0.6, "novel", 0.4));
        groups.put("naive", Map.of("total", 0.3));
        BarChart.Layout layout = BarChart.layout("accuracy", groups, 1);
        assertFalse(layout.slanted());
        assertEquals(1, layout.hi(), 0);
        assertEquals(0, layout.lo(), 0);
    }

    @Test
    void ticksAreRoundMultiples() {
        assertTicks(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, 0, 1);
        assertTicks(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, 0, 2.5);
        assertTicks(new double[] {0, 1, 2}, -0.2, 2.5);
        assertTicks(new double[] {-1, -0.5, 0, 0.5, 1}, -1, 1);
    }

    private static void assertTicks(double[] expected, double lo, double hi) {
        double[] ticks = BarChart.ticks(lo, hi).stream().mapToDouble(Double::doubleValue).toArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, ticks, 1e-12, "ticks of [" + lo + ", " + hi + "]");
    }

    @Test
    void roundUpToOneTwoTwoAndAHalfFive() {
        assertEquals(1, BarChart.roundUp(1), 1e-12);
        assertEquals(2.5, BarChart.roundUp(2.27), 1e-12);
        assertEquals(5, BarChart.roundUp(2.6), 1e-12);
        assertEquals(10, BarChart.roundUp(5.01), 1e-12);
        assertEquals(0.2, BarChart.roundUp(0.13), 1e-12);
        assertEquals(0, BarChart.roundUp(-3), 0);
    }
}
