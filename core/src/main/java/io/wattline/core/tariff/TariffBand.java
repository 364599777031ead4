package io.wattline.core.tariff;

/** Time-of-use bands of a Chinese tariff (分时电价). */
public enum TariffBand {
    /** 尖峰 */ CRITICAL_PEAK,
    /** 峰 */ PEAK,
    /** 平 */ FLAT,
    /** 谷 */ VALLEY,
    /** 深谷 */ DEEP_VALLEY
}
