namespace JiujiangMentalHealth.Domain.Common;

/// <summary>性别</summary>
public enum Gender
{
    /// <summary>男</summary>
    Male = 1,

    /// <summary>女</summary>
    Female = 2,
}
