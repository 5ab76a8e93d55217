/** Test fixtures shared by every module: real PostgreSQL and a stand-in for the gateway's context signing. */
@NullMarked
package dev.arca.test;

import org.jspecify.annotations.NullMarked;
