package dev.arca.audit.device;

import dev.arca.audit.hash.Hmac;

/** An enabled device with its HMAC key unwrapped from the barrier. */
public record ActiveDevice(Device device, Hmac hmac) {
}
