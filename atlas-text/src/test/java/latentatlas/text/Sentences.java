package latentatlas.text;

/** Hand-written test sentences: pairs of paraphrases, each pair about a different intent. */
final class Sentences {
    /** {@code PARAPHRASES[k]} = two wordings of one request; different k are unrelated requests. */
    static final String[][] PARAPHRASES = {
            {"how do i say thank you in german", "what is the german word for thanks"},
            {"what is the balance of my checking account", "how much money is left in my checking account"},
            {"set an alarm for six in the morning", "wake me up at 6 am"},
            {"will it rain in boston tomorrow", "what is the weather forecast for boston tomorrow"},
            {"my credit card was stolen", "someone took my credit card"},
            {"play some jazz music", "put on a jazz song"},
            {"how many calories are in an apple", "what is the calorie count of an apple"},
            {"book a table for two at an italian restaurant", "reserve a dinner table for 2 at an italian place"},
    };

    private Sentences() {
    }

    static double cosine(float[] a, int rowA, float[] b, int rowB, int dim) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < dim; j++) {
            double x = a[rowA * dim + j];
            double y = b[rowB * dim + j];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.sqrt(na * nb);
    }
}
