/**
 * Data loading: {@link io.jgrad.nn.data.Dataset} / {@link io.jgrad.nn.data.TensorDataset},
 * the batching {@link io.jgrad.nn.data.DataLoader} (seeded shuffling, drop-last, a background
 * prefetch thread), and readers for MNIST IDX ({@link io.jgrad.nn.data.Idx}), numeric CSV
 * ({@link io.jgrad.nn.data.Csv}) and NumPy {@code .npy}/{@code .npz}
 * ({@link io.jgrad.nn.data.Npy}, {@link io.jgrad.nn.data.Npz}).
 */
package io.jgrad.nn.data;
