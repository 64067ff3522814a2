/// The main loop: draw when something changed, wait for a key, and between keys do background
/// work and notice when another process changed the database.
public enum ConsoleLoop {
    /// How often, in seconds, the database's data version is polled when no key arrives.
    public static let pollInterval = 1.0

    /// Runs until a handler says quit, or `maxIterations` passes (a safety net for test terminals).
    ///
    /// Time comes only from `clock`: when to poll, and which day it is for a console whose day
    /// follows the clock.
    public static func run(_ console: Console, on terminal: any Terminal, clock: any ConsoleClock, maxIterations: Int = .max) {
        var dirty = true
        var lastPoll = clock.uptime()
        var lastSize = (width: -1, height: -1)
        var iterations = 0
        while iterations < maxIterations, !terminal.isGone {
            iterations += 1
            let size = terminal.size
            if size != lastSize {
                console.resize(width: size.width, height: size.height)
                lastSize = size
                dirty = true
            }
            if dirty {
                terminal.draw(console.render())
                dirty = false
            }
            // With background work pending, only peek for a key so the work keeps flowing.
            let busy = console.hasBackgroundWork
            if let key = terminal.readKey(timeoutMilliseconds: busy ? 0 : 250) {
                switch console.handle(key) {
                case .quit: return
                case .redraw: dirty = true
                case .none: break
                }
                continue
            }
            if busy, console.step() { dirty = true }
            let now = clock.uptime()
            if now - lastPoll >= pollInterval {
                lastPoll = now
                if console.pollForChanges() { dirty = true }
                if console.follow(unixTime: clock.unixTime()) { dirty = true }
            }
        }
    }
}
