package io.jgrad.nn.init;

/** Which fan scales Kaiming initialisation: fan-in preserves forward variance, fan-out backward. */
public enum FanMode { FAN_IN, FAN_OUT }
