package dev.poolkit.internal;

/**
 * A limit shared with other pools (a keyed pool's global maximum). Every slot that is not EMPTY
 * holds one reservation. A plain pool uses {@link #NONE}.
 */
interface CapacityGate {
  CapacityGate NONE =
      new CapacityGate() {
        @Override
        public boolean tryReserve(SlotPool<?> pool) {
          return true;
        }

        @Override
        public void release(SlotPool<?> pool) {}

        @Override
        public boolean wantsRoom(SlotPool<?> pool) {
          return false;
        }

        @Override
        public boolean makeRoom(SlotPool<?> pool) {
          return false;
        }
      };

  /** Reserves room for one more object in {@code pool}; false if the shared limit is reached. */
  boolean tryReserve(SlotPool<?> pool);

  /** Gives back a reservation after {@code pool} destroyed an object. */
  void release(SlotPool<?> pool);

  /**
   * Whether another pool waits for room, so {@code pool} should destroy an object it would
   * otherwise keep idle.
   */
  boolean wantsRoom(SlotPool<?> pool);

  /**
   * Called when {@link #tryReserve} failed: destroys an idle object of another pool to make room.
   * True if it destroyed one.
   */
  boolean makeRoom(SlotPool<?> pool);
}
