package consumer

import backspace.Backspace
import backspace.ResourceType
import backspace.SettingsUpdate
import java.io.FileDescriptor
import java.io.FileOutputStream
import java.io.PrintStream
import java.math.BigDecimal
import java.time.LocalDate
import java.time.ZoneId

/**
 * A front-desk app in miniature: one customer with an Arabic name, one seat, one session, one invoice.
 * Prints the jar's version, the customer and the invoice's number and total; any failure (the
 * library not found, a wrong result) ends the JVM with an exception and a non-zero status.
 */
fun main() {
    // UTF-8 whatever the locale, so the Arabic name reaches the checking script intact.
    val out = PrintStream(FileOutputStream(FileDescriptor.out), true, "UTF-8")
    check(System.getProperty("jna.library.path") == null) { "jna.library.path is set; the library must come from the jar" }

    out.println("backspace-kotlin ${Backspace::class.java.`package`.implementationVersion}")

    // Yesterday in Cairo, so every instant is in the past (as the JUnit fixtures do).
    val cairo = ZoneId.of("Africa/Cairo")
    val day = LocalDate.now(cairo).minusDays(1)
    fun at(hour: Int, minute: Int = 0) = day.atTime(hour, minute).atZone(cairo).toInstant()

    Backspace.inMemory().use { desk ->
        desk.updateSettings(SettingsUpdate(unitMinutes = 15))
        val mona = desk.registerCustomer("منى عادل", "010 1234 5678", at = at(9))
        val seat = desk.addResource("Seat 1", ResourceType.SEAT, BigDecimal("30"), at = at(8))
        val session = desk.startSession(mona.id, seat.id, at = at(10))
        // 10:00 to 11:01: 61 minutes, billed as 75 at 30/hour = 37.50.
        val invoice = desk.endSession(session.id, at = at(11, 1))
        out.println("customer ${mona.humanId} ${mona.name}")
        out.println("invoice ${invoice.invoiceNumber} total ${invoice.total}")
    }
}
