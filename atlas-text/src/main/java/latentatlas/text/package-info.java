/**
 * Frozen pretrained sentence encoders and their on-disk vector cache: the text analogue of the
 * paper's frozen EfficientNet backbone (Crisostomi et al. 2023, section 4), under which a small
 * trainable head becomes a text chart.
 *
 * <p>An encoder maps a sentence to a unit vector in R^384: a BERT-style transformer (ONNX Runtime,
 * in-process, offline; weights shipped in langchain4j's Maven artifacts) gives token states
 * {@code h_1..h_T}; the sentence vector is {@code e = p(h) / ||p(h)||_2} with pooling {@code p}
 * either the attention-masked mean {@code (1/T) sum_t h_t} or the first ({@code [CLS]}) state.
 * The encoder is frozen, so its vectors are computed once per dataset split and encoder and cached
 * as {@code .npy} + ids ({@link latentatlas.text.EncodedCorpus}), then reused by every task.
 * {@link latentatlas.text.EncodedDataset} turns a text dataset into the same dataset of vectors
 * {@code e(x)}, the input of a text chart's trainable head.
 */
package latentatlas.text;
