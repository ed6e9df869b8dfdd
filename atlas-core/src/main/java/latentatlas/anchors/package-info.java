/**
 * How anchors are chosen (docs/method.md §10): {@link latentatlas.anchors.AnchorStrategy} names a
 * strategy (random, stratified, k-means, farthest point), {@link latentatlas.anchors.AnchorSelection}
 * applies it to an {@link latentatlas.anchors.AnchorPool} (candidate ids, their labels, their input
 * features). The task planners (atlas-data) and the merge of the user's own spaces call the same code.
 */
package latentatlas.anchors;
