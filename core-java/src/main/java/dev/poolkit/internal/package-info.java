/** Pool machinery. Not API: nothing here is exported by the module. */
@NullMarked
package dev.poolkit.internal;

import org.jspecify.annotations.NullMarked;
