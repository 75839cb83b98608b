package io.jgrad.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel that fails like a full disk: writes succeed until {@code capacity} bytes were
 * written in all, then throw "No space left on device" (a partial write first, as write(2) does);
 * {@code failForce} makes fsync fail with an I/O error instead. Everything else is delegated.
 */
final class FaultyChannel extends FileChannel {
  private final FileChannel d;
  private final long capacity;
  private final boolean failForce;
  private long written;

  FaultyChannel(FileChannel d, long capacity, boolean failForce) {
    this.d = d;
    this.capacity = capacity;
    this.failForce = failForce;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    long room = capacity - written;
    if (room <= 0) throw new IOException("No space left on device");
    if (src.remaining() > room) {
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + (int) room);
      int n = d.write(part);
      src.position(src.position() + n);
      written += n;
      return n;
    }
    int n = d.write(src);
    written += n;
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long n = 0;
    for (int i = offset; i < offset + length; i++) n += write(srcs[i]);
    return n;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (failForce) throw new IOException("Input/output error");
    d.force(metaData);
  }

  @Override public int read(ByteBuffer dst) throws IOException { return d.read(dst); }

  @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return d.read(dsts, offset, length); }

  @Override public long position() throws IOException { return d.position(); }

  @Override
  public FileChannel position(long p) throws IOException {
    d.position(p);
    return this;
  }

  @Override public long size() throws IOException { return d.size(); }

  @Override
  public FileChannel truncate(long size) throws IOException {
    d.truncate(size);
    return this;
  }

  @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return d.transferTo(position, count, target); }

  @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { return d.transferFrom(src, position, count); }

  @Override public int read(ByteBuffer dst, long position) throws IOException { return d.read(dst, position); }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    throw new IOException("No space left on device");
  }

  @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return d.map(mode, position, size); }

  @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return d.lock(position, size, shared); }

  @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return d.tryLock(position, size, shared); }

  @Override protected void implCloseChannel() throws IOException { d.close(); }
}
