package latentatlas.experiment;

import latentatlas.analyses.SpaceScores;
import latentatlas.analyses.SubsetScores;
import latentatlas.evaluation.SpaceKind;
import latentatlas.tasks.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the shape of the paper's results (docs/method.md §7) on our runs, for a given membership mode:
 * in setting 1 the atlas beats end-to-end and naive, most on novel classes, with a high CKA to the
 * end-to-end relative space (higher on shared than on novel classes) and the best separability; in
 * setting 2 the three are about equal (within {@value #EQUAL} probe accuracy); in setting 3 the atlas
 * beats end-to-end but not naive. Accuracies are the holdout probe's.
 */
public final class PaperClaims {
    /** Accuracy differences up to this count as "about equal". */
    public static final double EQUAL = 0.02;

    private PaperClaims() {
    }

    /**
     * @param runs results per run name; each run's {@code setting()} decides which claims apply
     * @param membership the membership mode of the atlas and naive spaces to judge
     * @return the claims that apply to the runs present, prefixed by the run name when it is not the setting's
     */
    public static List<Claim> evaluate(Map<String, RunResults> runs, String membership) {
        List<Claim> out = new ArrayList<>();
        for (Map.Entry<String, RunResults> run : runs.entrySet()) {
            for (Claim c : evaluate(run.getValue(), membership)) {
                out.add(run.getKey().equals(run.getValue().setting().externalName()) ? c
                        : c.named("[" + run.getKey() + "] " + c.claim()));
            }
        }
        return out;
    }

    private static List<Claim> evaluate(RunResults run, String membership) {
        List<Claim> out = new ArrayList<>();
        RunResults s1 = run.setting() == Setting.SHARED_CLASSES ? run : null;
        String atlasLabel = SpaceKind.ATLAS.externalName() + " [" + membership + "]";
        String naiveLabel = SpaceKind.NAIVE.externalName() + " [" + membership + "]";
        String e2eLabel = SpaceKind.END_TO_END_ABS.externalName();
        if (s1 != null && s1.space(atlasLabel) != null) {
            SpaceScores atlas = s1.space(atlasLabel);
            SpaceScores naive = s1.space(naiveLabel);
            SpaceScores e2e = s1.space(e2eLabel);
            double a = atlas.probe().total();
            double e = e2e.probe().total();
            double n = naive.probe().total();
            out.add(new Claim("Setting 1: the atlas beats the end-to-end model (probe accuracy)",
                    "CIFAR-100 EfficientNet 0.729-0.905 vs 0.70; small CNN 0.434-0.720 vs 0.38-0.39", membership,
                    f("atlas %.3f vs end-to-end %.3f", a, e), a > e, a - e, "atlas - end-to-end"));
            out.add(new Claim("Setting 1: the atlas beats the naive union",
                    "EfficientNet 0.729-0.905 vs 0.676-0.826; small CNN 0.434-0.720 vs 0.364-0.510", membership,
                    f("atlas %.3f vs naive %.3f", a, n), a > n, a - n, "atlas - naive"));
            double gainNovel = atlas.probe().novel() - e2e.probe().novel();
            double gainShared = atlas.probe().shared() - e2e.probe().shared();
            out.add(new Claim("Setting 1: the gain over end-to-end is largest on the novel classes",
                    "stated in the paper (the task imprint)", membership,
                    f("gain novel %+.3f vs shared %+.3f", gainNovel, gainShared), gainNovel > gainShared,
                    gainNovel - gainShared, "gain on novel - gain on shared classes"));
            SubsetScores cka = atlas.ckaVsEndToEndRel();
            out.add(new Claim("Setting 1: CKA(atlas, end-to-end relative) is high and higher on shared than on novel classes",
                    "0.76-0.92 on CIFAR-100, 0.71-0.88 on Tiny ImageNet", membership,
                    f("%.3f (shared %.3f, novel %.3f)", cka.total(), cka.shared(), cka.novel()),
                    cka.total() >= 0.7 && cka.shared() > cka.novel(),
                    Math.min(cka.total() - 0.7, cka.shared() - cka.novel()), "min(CKA - 0.7, CKA shared - CKA novel)"));
            double sa = atlas.separability();
            double sn = naive.separability();
            double se = e2e.separability();
            out.add(new Claim("Setting 1: separability of the novel classes atlas > naive > end-to-end",
                    "CIFAR-100 EfficientNet 1.73-2.27 / 1.12-1.84 / about 1.35", membership,
                    f("%.3f / %.3f / %.3f", sa, sn, se), sa > sn && sn > se, Math.min(sa - sn, sn - se),
                    "min(atlas - naive, naive - end-to-end)"));
        }
        RunResults s2 = run.setting() == Setting.DISJOINT_SAMPLES ? run : null;
        if (s2 != null && s2.space(atlasLabel) != null) {
            double a = s2.space(atlasLabel).probe().total();
            double e = s2.space(e2eLabel).probe().total();
            double n = s2.space(naiveLabel).probe().total();
            double spread = Math.max(a, Math.max(e, n)) - Math.min(a, Math.min(e, n));
            out.add(new Claim("Setting 2: atlas, end-to-end and naive are about equal (within " + EQUAL + ")",
                    "CIFAR-100 EfficientNet 0.698 / 0.704 / 0.705; CNN 0.403 / 0.445 / 0.406", membership,
                    f("%.3f / %.3f / %.3f", a, e, n), spread <= EQUAL, EQUAL - spread, EQUAL + " - (largest - smallest)"));
        }
        RunResults s3 = run.setting() == Setting.DISJOINT ? run : null;
        if (s3 != null && s3.space(atlasLabel) != null) {
            double a = s3.space(atlasLabel).probe().total();
            double e = s3.space(e2eLabel).probe().total();
            double n = s3.space(naiveLabel).probe().total();
            out.add(new Claim("Setting 3: the atlas beats the end-to-end model",
                    "CIFAR-100 EfficientNet 0.769 vs 0.704; CNN 0.488 vs 0.439", membership,
                    f("atlas %.3f vs end-to-end %.3f", a, e), a > e, a - e, "atlas - end-to-end"));
            out.add(new Claim("Setting 3: the atlas does not beat the naive union",
                    "EfficientNet 0.769 vs 0.784; CNN 0.488 vs 0.502", membership,
                    f("atlas %.3f vs naive %.3f", a, n), a <= n, n - a, "naive - atlas"));
        }
        return out;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
