/// A copy of `themes/default`, used when no themes directory can be found (a test keeps the
/// two identical).
enum BuiltinTheme {
  static let defaultText = """
    # FlowTrace default theme: terminal background, colour accents.
    # One rule a line: color AREA FG BG [ATTR...]
    # Colours: default, black, red, green, yellow, blue, magenta, cyan, white, bright-NAME, colorN (0-255).
    # Attributes: normal, bold, dim, reverse, underline, italic, standout, blink.
    color title          white        blue     bold
    color title-filter   yellow       blue     bold
    color status         black        cyan
    color message        default      default
    color message-error  bright-red   default  bold
    color prompt         yellow       default  bold
    color tree           default      default
    color cursor         black        cyan
    color cursor-blur    default      default  reverse
    color guide          bright-black default
    color fold-mark      cyan         default  bold
    color name           default      default  bold
    color args           cyan         default
    color result         green        default
    color arrow          bright-black default
    color error-mark     bright-red   default  bold
    color duration       yellow       default
    color duration-hot   bright-red   default  bold
    color thread         bright-magenta default  bold
    color task           color69      default
    color loss           black        yellow   bold
    color match          black        yellow   bold
    color detail         default      default
    color tab            default      default
    color tab-active     black        cyan     bold
    color label          cyan         default  bold
    color value          default      default
    color border         bright-black default
    color help           default      default
    color help-key       yellow       default  bold
    color diff-removed   bright-red   default  bold
    color diff-added     bright-green default  bold
    color diff-changed   yellow       default  bold
    color diff-context   bright-black default
    """
}
