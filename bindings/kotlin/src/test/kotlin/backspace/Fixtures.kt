package backspace

import backspace.core.*
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId

/** The space's default time zone (R-TIME-2). */
val CAIRO: ZoneId = ZoneId.of("Africa/Cairo")

/** Yesterday in Cairo: every instant of a test day lies on this business date, in the past. */
val DAY: LocalDate = LocalDate.now(CAIRO).minusDays(1)

/** An instant on [DAY] at `hh:mm` Cairo time. */
fun at(hh: Int, mm: Int = 0): Instant = DAY.atTime(hh, mm).atZone(CAIRO).toInstant()

/** Money as the API returns it: scale 2 (R-MONEY-1). BigDecimal equality checks the scale too. */
fun egp(text: String): BigDecimal = BigDecimal(text).setScale(2)
