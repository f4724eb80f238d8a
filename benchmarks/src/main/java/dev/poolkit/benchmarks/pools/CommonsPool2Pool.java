package dev.poolkit.benchmarks.pools;

import java.time.Duration;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Apache Commons Pool 2 {@code GenericObjectPool}: every test off, no evictor (its default), no
 * JMX registration, maxIdle = maxTotal so nothing made is thrown away.
 */
final class CommonsPool2Pool implements BenchPool<Res> {
  private final GenericObjectPool<Res> pool;

  CommonsPool2Pool(int size) {
    GenericObjectPoolConfig<Res> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(size);
    config.setMaxIdle(size);
    config.setMinIdle(0);
    config.setBlockWhenExhausted(true);
    config.setMaxWait(Duration.ofSeconds(TIMEOUT_SECONDS));
    config.setTestOnCreate(false);
    config.setTestOnBorrow(false);
    config.setTestOnReturn(false);
    config.setTestWhileIdle(false);
    config.setJmxEnabled(false);
    this.pool =
        new GenericObjectPool<>(
            new BasePooledObjectFactory<>() {
              @Override
              public Res create() {
                return new Res();
              }

              @Override
              public PooledObject<Res> wrap(Res res) {
                return new DefaultPooledObject<>(res);
              }
            },
            config);
  }

  @Override
  public Res acquire() throws Exception {
    return pool.borrowObject();
  }

  @Override
  public Res object(Res res) {
    return res;
  }

  @Override
  public void release(Res res) {
    pool.returnObject(res);
  }

  @Override
  public void close() {
    pool.close();
  }
}
