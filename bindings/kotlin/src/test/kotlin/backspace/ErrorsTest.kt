package backspace

import backspace.core.*
import java.math.BigDecimal
import java.nio.file.Path
import java.util.UUID
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * Every kind of error of R-ERR-1 arrives as its own `BackspaceException` subclass whose message is
 * the Rust core's text, and a failed operation writes nothing (R-ERR-2).
 */
class ErrorsTest {
    private lateinit var desk: Backspace
    private lateinit var mona: Customer
    private lateinit var seat: Resource
    private lateinit var tea: InventoryItem

    @BeforeEach
    fun setUp() {
        desk = Backspace.inMemory()
        mona = desk.registerCustomer("منى عادل", "01012345678", at = at(9))
        seat = desk.addResource("Seat 1", ResourceType.SEAT, BigDecimal("30"), at = at(9))
        tea = desk.addInventoryItem("Tea", Category.BEVERAGE, BigDecimal("10"), 3, 1, at = at(9))
    }

    @AfterEach
    fun tearDown() = desk.close()

    @Test
    fun `bad phone is a Validation error naming the field`() {
        val e = assertThrows(BackspaceException.Validation::class.java) {
            desk.registerCustomer("كريم", "0101")
        }
        assertTrue(e.errorMessage.startsWith("invalid phone: \"0101\""), e.errorMessage)
        assertEquals(1, desk.listCustomers().size)
    }

    @Test
    fun `bad amounts and instants are Validation errors`() {
        val threeDecimals = assertThrows(BackspaceException.Validation::class.java) {
            desk.addResource("Seat 2", ResourceType.SEAT, BigDecimal("10.005"))
        }
        assertEquals("invalid rate_per_hour: has more than 2 decimal places: 10.005", threeDecimals.errorMessage)
        // Too many digits for a Rust Decimal: refused while lifting the argument, as a Validation error, no panic.
        val huge = assertThrows(BackspaceException.Validation::class.java) {
            desk.addResource("Seat 2", ResourceType.SEAT, BigDecimal("1E+40"))
        }
        assertTrue(huge.errorMessage.startsWith("invalid decimal: "), huge.errorMessage)
        val future = assertThrows(BackspaceException.Validation::class.java) {
            desk.startSession(mona.id, seat.id, at = java.time.Instant.now().plusSeconds(3600))
        }
        assertTrue(future.errorMessage.startsWith("invalid at: "), future.errorMessage)
        val negative = assertThrows(BackspaceException.Validation::class.java) {
            desk.updateSettings(SettingsUpdate(graceMinutes = -5))
        }
        assertEquals("invalid grace_minutes: must not be negative, got -5", negative.errorMessage)
        assertEquals("grace_minutes", negative.field)
        assertEquals("must not be negative, got -5", negative.reason)
        assertEquals(1, desk.listResources().size)
    }

    @Test
    fun `unknown id is NotFound naming the entity and id`() {
        val id = UUID.fromString("00000000-0000-4000-8000-000000000042")
        val e = assertThrows(BackspaceException.NotFound::class.java) { desk.getCustomer(id) }
        assertEquals("customer not found: 00000000-0000-4000-8000-000000000042", e.errorMessage)
        val inv = assertThrows(BackspaceException.NotFound::class.java) { desk.findInvoice("INV-0999") }
        assertEquals("invoice not found: INV-0999", inv.errorMessage)
        assertEquals("invoice", inv.entity)
        assertEquals("INV-0999", inv.id)
    }

    @Test
    fun `busy seat and duplicate phone are Conflicts`() {
        desk.startSession(mona.id, seat.id, at = at(10))
        val ali = desk.registerCustomer("علي", "01198765432", at = at(10))
        val busy = assertThrows(BackspaceException.Conflict::class.java) {
            desk.startSession(ali.id, seat.id, at = at(10, 5))
        }
        assertEquals("Seat 1 is busy: another session is running on it", busy.errorMessage)
        val dup = assertThrows(BackspaceException.Conflict::class.java) {
            desk.registerCustomer("منى", "+20 10 1234 5678")
        }
        assertEquals("phone +201012345678 already belongs to customer C-001 (منى عادل)", dup.errorMessage)
        // Every one of these is a BackspaceException, as a catch-all.
        assertTrue(dup is BackspaceException)
    }

    @Test
    fun `insufficient stock says what is available and changes nothing`() {
        val s = desk.startSession(mona.id, seat.id, at = at(10))
        val e = assertThrows(BackspaceException.InsufficientStock::class.java) {
            desk.addConsumption(s.id, tea.id, 5, at = at(10, 10))
        }
        assertEquals("insufficient stock for Tea: 3 available, 5 requested", e.errorMessage)
        assertEquals("Tea", e.item)
        assertEquals(3L, e.available)
        assertEquals(5L, e.requested)
        assertEquals(3L, desk.getInventoryItem(tea.id).quantity)
        assertTrue(desk.sessionConsumptions(s.id).isEmpty())
    }

    @Test
    fun `paying a paid invoice is InvalidState, paying too much is Overpayment`() {
        val s = desk.startSession(mona.id, seat.id, at = at(10))
        val invoice = desk.endSession(s.id, at = at(11)) // 60 min at 30/h = 30.00
        assertEquals(egp("30"), invoice.total)
        val over = assertThrows(BackspaceException.Overpayment::class.java) {
            desk.recordPayment(invoice.id, BigDecimal("30.01"), PaymentMethod.CASH, at = at(11, 1))
        }
        assertEquals("overpayment on INV-0001: 30.01 asked but only 30.00 is due", over.errorMessage)
        assertEquals("INV-0001", over.invoice)
        assertEquals(BigDecimal("30.00"), over.due)
        assertEquals(BigDecimal("30.01"), over.amount)
        desk.recordPayment(invoice.id, BigDecimal("30"), PaymentMethod.CASH, at = at(11, 2))
        val paid = assertThrows(BackspaceException.InvalidState::class.java) {
            desk.recordPayment(invoice.id, BigDecimal("1"), PaymentMethod.CASH, at = at(11, 3))
        }
        assertEquals("INV-0001 is already paid", paid.errorMessage)
        val ended = assertThrows(BackspaceException.InvalidState::class.java) {
            desk.endSession(s.id, at = at(11, 5))
        }
        assertEquals("session ${s.id} is not active (it has ended)", ended.errorMessage)
        assertEquals(1, desk.getInvoice(invoice.id).payments.size)
    }

    @Test
    fun `a balance payment above the credit is InsufficientCredit`() {
        val s = desk.startSession(mona.id, seat.id, at = at(10))
        val invoice = desk.endSession(s.id, at = at(11))
        val e = assertThrows(BackspaceException.InsufficientCredit::class.java) {
            desk.recordPayment(invoice.id, BigDecimal("10"), PaymentMethod.BALANCE, at = at(11, 1))
        }
        assertEquals("insufficient credit: 10.00 asked but the customer holds 0.00", e.errorMessage)
        assertEquals(InvoiceStatus.UNPAID, desk.getInvoice(invoice.id).status)
    }

    @Test
    fun `a file that cannot be opened is a Storage error`(@TempDir dir: Path) {
        val path = dir.resolve("no-such-dir").resolve("desk.sqlite").toString()
        val e = assertThrows(BackspaceException.Storage::class.java) { Backspace.open(path) }
        assertTrue(e.errorMessage.startsWith("storage error: "), e.errorMessage)
    }

    @Test
    fun `checkout splits cash and card in one step`() {
        val s = desk.startSession(mona.id, seat.id, at = at(10))
        val invoice = desk.checkout(
            s.id,
            listOf(NewPayment(BigDecimal("20"), PaymentMethod.CASH), NewPayment(BigDecimal("10"), PaymentMethod.CARD, note = "visa")),
            at = at(11),
        )
        assertEquals(egp("30"), invoice.total)
        assertEquals(listOf(PaymentMethod.CASH, PaymentMethod.CARD), invoice.payments.map { it.method })
        assertTrue(desk.activeSessions(at = at(11, 1)).isEmpty())
        assertEquals(7, s.id.version())
    }

    @Test
    fun `checkout overpayment writes nothing`() {
        val s = desk.startSession(mona.id, seat.id, at = at(10))
        val over = assertThrows(BackspaceException.Overpayment::class.java) {
            desk.checkout(s.id, listOf(NewPayment(BigDecimal("31"), PaymentMethod.CASH)), at = at(11))
        }
        assertEquals(BigDecimal("30.00"), over.due)
        assertEquals(listOf(s.id), desk.activeSessions(at = at(11, 1)).map { it.session.id })
        assertThrows(BackspaceException.NotFound::class.java) { desk.findInvoice("INV-0001") }
    }
}
