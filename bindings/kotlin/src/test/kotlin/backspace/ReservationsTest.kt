package backspace

import backspace.core.*
import java.math.BigDecimal
import java.time.Duration
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Reservations and opening hours (SPEC §17), from Kotlin. */
class ReservationsTest {
    @Test
    fun `R-BOOK-1 to 3 - book, refuse a clash, check in, and charge a no-show`() =
        Backspace.inMemory().use { desk ->
            val mona = desk.registerCustomer("منى", "01012345678", at = at(8))
            val nile = desk.addResource("Room Nile", ResourceType.ROOM, BigDecimal("100"), at = at(8))
            val booked = desk.reserve(mona.id, nile.id, at(10), at(12), at = at(8, 30))
            assertEquals("R-0001", booked.reservationNumber)
            assertEquals(ReservationStatus.BOOKED, booked.status)
            val clash = assertThrows(BackspaceException.Conflict::class.java) {
                desk.reserve(mona.id, nile.id, at(11), at(13), at = at(8, 31))
            }
            assertTrue(clash.errorMessage.contains("R-0001"), clash.errorMessage)

            val session = desk.checkIn(booked.id, at = at(9, 50))
            assertEquals(booked.id, session.reservationId)
            val invoice = desk.endSession(session.id, at = at(10, 30))
            assertEquals(egp("200"), invoice.total) // the 120 reserved minutes

            val gone = desk.reserve(mona.id, nile.id, at(13), at(14), at = at(12, 30))
            val expired = desk.expireReservations(at = at(13, 16))
            assertEquals(listOf(gone.id), expired.map { it.id })
            assertEquals(ReservationStatus.NO_SHOW, expired[0].status)
            assertEquals(egp("100"), desk.revenue(DAY, DAY)[0].reservationFees)
        }

    @Test
    fun `R-OPEN-1 - opening hours bound bookings and free slots`() =
        Backspace.inMemory().use { desk ->
            desk.updateSettings(SettingsUpdate(openingHours = "sun-sat 09:00-21:00", unitMinutes = 60))
            assertTrue(desk.settings().openingHours!!.startsWith("sun 09:00-21:00"))
            val nile = desk.addResource("Room Nile", ResourceType.ROOM, BigDecimal("100"), at = at(8))
            val slots = desk.freeSlots(nile.id, DAY.plusDays(2), 120)
            assertEquals(11, slots.size) // 09:00 … 19:00
            assertEquals(Duration.ofHours(1), Duration.between(slots[0], slots[1]))
        }
}
