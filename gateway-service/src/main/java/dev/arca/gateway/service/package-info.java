@NullMarked
package dev.arca.gateway.service;

import org.jspecify.annotations.NullMarked;
